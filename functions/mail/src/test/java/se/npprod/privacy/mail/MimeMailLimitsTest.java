package se.npprod.privacy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.mail.Attachment;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MalformedMail;

/** Size, nesting and sender limits, and what happens to mail beyond them. */
class MimeMailLimitsTest {
  private static final String HEAD = """
      From: Anna Andersson <anna@example.se>
      To: info@npprod.se
      Subject: Registerutdrag
      MIME-Version: 1.0
      """;

  /** A request with a scanned document: text and a PDF-like attachment of {@code pdfBytes}. */
  private static byte[] withAttachment(int pdfBytes, int pad) {
    byte[] pdf = new byte[pdfBytes];
    new Random(15).nextBytes(pdf);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
    String mail = HEAD + """
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Här är min legitimation, skicka registerutdraget till mig.
        --b1
        Content-Type: application/pdf; name="legitimation.pdf"
        Content-Disposition: attachment; filename="legitimation.pdf"
        Content-Transfer-Encoding: base64

        """ + Base64.getMimeEncoder().encodeToString(pdf) + "\n--b1--\n" + "x".repeat(pad);
    return mail.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ofSize(long size) {
    byte[] shorter = withAttachment(7 * 1024 * 1024, 0);
    int pad = (int) (size - shorter.length);
    byte[] exact = withAttachment(7 * 1024 * 1024, pad);
    assertThat(exact).hasSize((int) size);
    return exact;
  }

  @Test
  void streamsAFiveMegabyteAttachmentAndRecordsItsSize() throws Exception {
    byte[] raw = withAttachment(5 * 1024 * 1024, 0);

    InboundMail mail = Fixtures.parse(raw);

    assertThat(mail.newText()).isEqualTo("Här är min legitimation, skicka registerutdraget till mig.");
    assertThat(mail.attachments())
        .containsExactly(new Attachment("legitimation.pdf", "application/pdf", 5 * 1024 * 1024));
    assertThat(mail.sizeBytes()).isEqualTo(raw.length);
  }

  @Test
  void takesAMailOfExactlyTheLimit() throws Exception {
    InboundMail mail = Fixtures.parse(ofSize(MimeMail.MAX_BYTES));

    assertThat(mail.sizeBytes()).isEqualTo(MimeMail.MAX_BYTES);
  }

  @Test
  void refusesAMailOneByteOverTheLimit() {
    byte[] raw = ofSize(MimeMail.MAX_BYTES + 1);

    assertThatThrownBy(() -> Fixtures.parse(raw))
        .isInstanceOfSatisfying(MalformedMail.class,
            e -> assertThat(e.reason()).isEqualTo(MalformedMail.Reason.TOO_LARGE))
        .hasMessage("Inbound mail is unusable: too-large");
  }

  @Test
  void stopsReadingAMailAsSoonAsItIsOverTheLimit() {
    ServedBytes fortyMegabytes = new ServedBytes(HEAD + "Content-Type: text/plain\n\n", 40L * 1024 * 1024);

    assertThatThrownBy(() -> MimeMail.parse(fortyMegabytes, MimeMail.MAX_BYTES))
        .isInstanceOfSatisfying(MalformedMail.class,
            e -> assertThat(e.reason()).isEqualTo(MalformedMail.Reason.TOO_LARGE));
    assertThat(fortyMegabytes.served).isEqualTo(MimeMail.MAX_BYTES + 1);
  }

  @Test
  void appliesTheCallersLimit() {
    assertThatThrownBy(() -> MimeMail.parse(new ByteArrayInputStream(Fixtures.bytes("gmail-reply-sv.eml")), 1000))
        .isInstanceOfSatisfying(MalformedMail.class,
            e -> assertThat(e.reason()).isEqualTo(MalformedMail.Reason.TOO_LARGE));
  }

  @Test
  void refusesMultipartsNestedBeyondReason() {
    StringBuilder mail = new StringBuilder(HEAD);
    for (int depth = 0; depth < 40; depth++) {
      mail.append("Content-Type: multipart/mixed; boundary=\"b").append(depth).append("\"\n\n--b").append(depth).append('\n');
    }
    mail.append("Content-Type: text/plain\n\nHej\n");

    assertReason(mail.toString(), MalformedMail.Reason.TOO_DEEP);
  }

  @Test
  void refusesForwardsNestedBeyondReason() {
    StringBuilder mail = new StringBuilder(HEAD);
    for (int depth = 0; depth < 40; depth++) {
      mail.append("Content-Type: message/rfc822\n\nFrom: a").append(depth).append("@example.se\n");
    }
    mail.append("Content-Type: text/plain\n\nHej\n");

    assertReason(mail.toString(), MalformedMail.Reason.TOO_DEEP);
  }

  @Test
  void refusesAMailOfThousandsOfParts() {
    StringBuilder mail = new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=\"b\"\n\n");
    for (int part = 0; part < 5_000; part++) {
      mail.append("--b\nContent-Type: text/plain\n\nx\n");
    }
    mail.append("--b--\n");

    assertReason(mail.toString(), MalformedMail.Reason.TOO_MANY_PARTS);
  }

  @Test
  void refusesAMailWithoutASender() {
    assertReason("To: info@npprod.se\nSubject: Hej\n\nRadera mig\n", MalformedMail.Reason.NO_FROM);
    assertReason("From: Anna Andersson\nSubject: Hej\n\nRadera mig\n", MalformedMail.Reason.NO_FROM);
    assertReason("From: <>\nSubject: Hej\n\nRadera mig\n", MalformedMail.Reason.NO_FROM);
    assertReason("From: anna@\nSubject: Hej\n\nRadera mig\n", MalformedMail.Reason.NO_FROM);
    assertReason("", MalformedMail.Reason.NO_FROM);
  }

  @Test
  void refusesAHeaderLineLongerThanAnySenderWrites() {
    assertReason(HEAD + "X-Junk: " + "a".repeat(20_000) + "\n\nHej\n", MalformedMail.Reason.UNREADABLE);
  }

  @Test
  void takesTheLongHeaderLinesThatSloppySendersWrite() throws Exception {
    InboundMail mail = Fixtures.parse((HEAD + "X-Tracking: " + "a".repeat(4_000) + "\n\nHej\n").getBytes(StandardCharsets.UTF_8));

    assertThat(mail.text()).isEqualTo("Hej");
  }

  @Test
  void keepsASubjectOnOneLineWhateverItsEncodedWordsHide() throws Exception {
    String mail = "From: =?UTF-8?Q?Anna=0D=0ABcc=3A_x=40example.com?= <anna@example.se>\n"
        + "Subject: =?UTF-8?Q?Hej=0D=0ABcc:_evil@example.com?=\n\nHej\n";

    InboundMail parsed = Fixtures.parse(mail.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.subject()).isEqualTo("Hej Bcc: evil@example.com");
    assertThat(parsed.from().displayName()).isEqualTo("Anna Bcc: x@example.com");
  }

  @Test
  void aFailingSourceIsNotTakenForABrokenMail() {
    InputStream dropped = new InputStream() {
      private int left = 100;

      @Override
      public int read() throws IOException {
        if (left-- > 0) {
          return 'a';
        }
        throw new IOException("Connection reset");
      }
    };

    assertThatThrownBy(() -> MimeMail.parse(dropped, MimeMail.MAX_BYTES))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("Connection reset");
  }

  @Test
  void leavesTheCallersStreamOpen() throws Exception {
    boolean[] closed = {false};
    InputStream raw = new ByteArrayInputStream(Fixtures.bytes("forward-attached-sv.eml")) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    MimeMail.parse(raw, MimeMail.MAX_BYTES);

    assertThat(closed[0]).isFalse();
  }

  @Test
  void readsNoCharsetAndUndeclaredEightBitTextAsWhatItIs() throws Exception {
    byte[] head = "From: a@example.se\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] utf8 = concat(head, "Radera mitt konto, tack. /Åke".getBytes(StandardCharsets.UTF_8));
    byte[] latin = concat(head, "Radera mitt konto, tack. /Åke".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(Fixtures.parse(utf8).text()).isEqualTo("Radera mitt konto, tack. /Åke");
    assertThat(Fixtures.parse(latin).text()).isEqualTo("Radera mitt konto, tack. /Åke");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static void assertReason(String mail, MalformedMail.Reason reason) {
    assertThatThrownBy(() -> Fixtures.parse(mail.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(MalformedMail.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** A mail made on the fly: a header, then plain text for as long as asked, counting what was read. */
  private static final class ServedBytes extends InputStream {
    private final byte[] head;
    private final long length;
    long served;

    ServedBytes(String head, long length) {
      this.head = head.getBytes(StandardCharsets.US_ASCII);
      this.length = length;
    }

    @Override
    public int read() {
      if (served >= length) {
        return -1;
      }
      int b = served < head.length ? head[(int) served] : (served % 80 == 79 ? '\n' : 'x');
      served++;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      int n = 0;
      while (n < count) {
        int b = read();
        if (b < 0) {
          return n == 0 ? -1 : n;
        }
        buffer[offset + n++] = (byte) b;
      }
      return n;
    }
  }
}
