package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.npprod.privacy.core.mail.MalformedMail;

/** Whatever arrives, the parser gives a mail or a MalformedMail: never another exception, never output. */
class MimeMailRobustnessTest {
  private static final long SEED = 20260303L;

  @Test
  void randomBytesGiveAMailOrMalformedMail() {
    Random random = new Random(SEED);
    for (int i = 0; i < 200; i++) {
      byte[] raw = new byte[random.nextInt(20 * 1024 + 1)];
      random.nextBytes(raw);

      parsesOrRefuses(raw, "random bytes, iteration " + i);
    }
  }

  @Test
  void randomBodiesUnderAValidHeaderGiveAMailOrMalformedMail() {
    Random random = new Random(SEED + 1);
    String[] types = {
        "text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
        "text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable",
        "multipart/mixed; boundary=\"b\"",
        "multipart/alternative; boundary=b",
        "message/rfc822",
        "text/plain; format=flowed; delsp=yes",
    };
    for (int i = 0; i < 200; i++) {
      byte[] head = ("From: a@example.se\nContent-Type: " + types[i % types.length] + "\n\n")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] body = new byte[random.nextInt(20 * 1024 + 1)];
      random.nextBytes(body);
      for (int j = 0; j < body.length; j += 1 + random.nextInt(64)) {
        body[j] = (byte) "\n-=b<>\r:".charAt(random.nextInt(8)); // line breaks and MIME's own characters
      }
      byte[] raw = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, raw, head.length, body.length);

      parsesOrRefuses(raw, "random body, iteration " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("se.npprod.privacy.mail.MimeMailTest#fixtures")
  void everyTruncationOfAFixtureGivesAMailOrMalformedMail(String name) {
    byte[] raw = Fixtures.bytes(name);
    for (int end = 0; end < raw.length; end++) {
      parsesOrRefuses(Arrays.copyOf(raw, end), name + " cut at " + end);
    }
  }

  @ParameterizedTest
  @MethodSource("se.npprod.privacy.mail.MimeMailTest#fixtures")
  void randomlyDamagedFixturesGiveAMailOrMalformedMail(String name) {
    Random random = new Random(SEED + name.hashCode());
    byte[] original = Fixtures.bytes(name);
    for (int i = 0; i < 100; i++) {
      byte[] raw = original.clone();
      for (int flips = 1 + random.nextInt(20); flips > 0; flips--) {
        raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
      }

      parsesOrRefuses(raw, name + " damaged, iteration " + i);
    }
  }

  @Test
  void printsNothing() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      Random random = new Random(SEED + 2);
      for (String name : Fixtures.ALL) {
        byte[] raw = Fixtures.bytes(name);
        parsesOrRefuses(raw, name);
        parsesOrRefuses(Arrays.copyOf(raw, raw.length / 2), name + " halved");
      }
      for (int i = 0; i < 20; i++) {
        byte[] raw = new byte[random.nextInt(4096)];
        random.nextBytes(raw);
        parsesOrRefuses(raw, "random " + i);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static void parsesOrRefuses(byte[] raw, String what) {
    try {
      Fixtures.parse(raw);
    } catch (MalformedMail refused) {
      assertThat(refused.getMessage()).startsWith("Inbound mail is unusable: ");
    } catch (Throwable t) {
      fail(what + " threw " + t, t);
    }
  }
}
