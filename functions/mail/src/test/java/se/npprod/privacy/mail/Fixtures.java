package se.npprod.privacy.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MalformedMail;

/** The sample mails in src/test/resources/mail, written to look as each mail program writes them. */
final class Fixtures {
  static final List<String> ALL = List.of(
      "gmail-reply-sv.eml",
      "gmail-forward-sv.eml",
      "outlook-reply-sv.eml",
      "apple-iphone-sv.eml",
      "thunderbird-en.eml",
      "html-only-sv.eml",
      "forward-attached-sv.eml",
      "auto-reply-sv.eml",
      "out-of-office-exchange-en.eml",
      "bounce.eml",
      "mailing-list-sv.eml",
      "encoded-subject-latin1-sv.eml");

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/mail/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InboundMail parse(String name) throws MalformedMail {
    return parse(bytes(name));
  }

  static InboundMail parse(byte[] raw) throws MalformedMail {
    return MimeMail.parse(new ByteArrayInputStream(raw), MimeMail.MAX_BYTES);
  }

  /** The same bytes with every line ending CR LF, as SES stores mail. */
  static byte[] crlf(byte[] raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length + raw.length / 20);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
        out.write('\r');
      }
      out.write(raw[i]);
    }
    return out.toByteArray();
  }
}
