package se.npprod.privacy.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import se.npprod.privacy.core.mail.Address;
import se.npprod.privacy.core.mail.InboundMail;
import se.npprod.privacy.core.mail.MailKind;
import se.npprod.privacy.core.mail.MailKinds;
import se.npprod.privacy.core.mail.MalformedMail;
import se.npprod.privacy.core.mail.QuotedText;

/**
 * Turns a received mail, raw RFC 5322 / MIME bytes as SES stores them in S3, into an {@link
 * InboundMail}. Apache James mime4j reads the MIME leniently and as a stream; jsoup reads HTML.
 */
public final class MimeMail {
  /**
   * The largest mail the intake takes. SES receives up to 40 MB, but a privacy request is a few
   * kilobytes, and a request with a scanned ID document attached is a few megabytes; anything
   * larger is kept in S3 for a person and not read into a function's memory.
   */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  private static final Pattern LINE_ENDS = Pattern.compile("\r\n?");
  /** C0 controls other than tab and line feed, and DEL: nothing a reader sees, trouble in JSON and logs. */
  private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]");

  private MimeMail() {}

  /**
   * Parses one mail, reading no more than {@code maxBytes + 1} bytes of it.
   *
   * @throws MalformedMail when the mail is over {@code maxBytes} ({@code too-large}), has no usable
   *     From ({@code no-from}), is nested or split beyond reason ({@code too-deep},
   *     {@code too-many-parts}) or cannot be read as a mail at all ({@code unreadable}); a
   *     truncated mail gives what it holds
   * @throws UncheckedIOException only when {@code raw} itself fails to deliver bytes (a dropped
   *     connection): that is no fault of the mail, and reading it again may succeed
   */
  public static InboundMail parse(InputStream raw, long maxBytes) throws MalformedMail {
    Objects.requireNonNull(raw, "raw");
    BoundedInput in = new BoundedInput(raw, maxBytes);
    try {
      Message message = Collector.parse(in, 0, new Collector.Budget());
      in.drain();
      return assemble(message, in.count());
    } catch (Collector.Refused e) {
      throw new MalformedMail(e.reason);
    } catch (IOException | MimeException | RuntimeException | StackOverflowError e) {
      if (in.exceeded()) {
        throw new MalformedMail(MalformedMail.Reason.TOO_LARGE);
      }
      if (in.sourceFailure() != null) {
        throw in.sourceFailure();
      }
      throw MalformedMail.unreadable(e);
    }
  }

  private static InboundMail assemble(Message message, long size) throws MalformedMail {
    Address from = message.firstMailbox("From")
        .orElseThrow(() -> new MalformedMail(MalformedMail.Reason.NO_FROM));
    String subject = message.subject();
    String text = message.body == null ? "" : clean(Part.render(message.body));
    QuotedText.Own own = QuotedText.split(text, subject);
    boolean forwarded = own.forwarded() || (message.body != null && Part.forwards(message.body));
    Map<String, List<String>> headers = message.headers();
    MailKind kind = MailKinds.of(headers, message.returnPath().orElse(null), subject);
    return new InboundMail(
        message.messageId(),
        from,
        message.firstMailbox("Reply-To"),
        message.addresses("To"),
        subject,
        message.date(),
        text,
        own.text(),
        forwarded,
        kind,
        message.attachments,
        size);
  }

  private static String clean(String text) {
    return CONTROLS.matcher(LINE_ENDS.matcher(text).replaceAll("\n")).replaceAll("").strip();
  }
}
