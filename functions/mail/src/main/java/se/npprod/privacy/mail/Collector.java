package se.npprod.privacy.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import se.npprod.privacy.core.mail.Attachment;
import se.npprod.privacy.core.mail.MalformedMail;

/**
 * Streams one message through mime4j and keeps what {@link MimeMail} needs: the header, the text
 * parts decoded, and for every other part only its name, type and size. Attachment bytes pass
 * through once and are not kept, so a 5 MB PDF costs a buffer, not 5 MB.
 */
final class Collector implements ContentHandler {
  /**
   * Lenient, as mail from the internet needs, with limits that real mail stays far inside and a
   * crafted one does not: RFC 5322 allows 998 characters a line, but some senders write headers
   * unfolded over a few thousand, so a line may have 10,000; one header (a long thread's
   * References, a stack of ARC and DKIM signatures) may have 64 KiB; a part 1,000 header fields.
   * Body lines have no limit in mime4j, and the whole message is bounded by the caller's size
   * limit, so no content limit is set here. A malformed header line is skipped rather than taken
   * as the start of the body, so an mbox "From " line or one broken field does not lose From.
   */
  static final MimeConfig CONFIG = MimeConfig.custom()
      .setStrictParsing(false)
      .setMaxLineLen(10_000)
      .setMaxHeaderLen(64 * 1024)
      .setMaxHeaderCount(1_000)
      .setMaxContentLen(-1)
      .setMalformedHeaderStartsBody(false)
      .build();
  /** Multiparts and forwarded messages inside one another; mail programs stay below six. */
  static final int MAX_DEPTH = 16;
  /** Body parts in the whole mail, forwards included; a mail with many photos has a few dozen. */
  static final int MAX_PARTS = 1_000;

  /** Our own refusal, carried through mime4j's handler methods. */
  static final class Refused extends MimeException {
    final MalformedMail.Reason reason;

    Refused(MalformedMail.Reason reason) {
      super(reason.code());
      this.reason = reason;
    }
  }

  /** Shared by a message and the messages forwarded inside it. */
  static final class Budget {
    int parts;
  }

  private final Message message = new Message();
  private final Deque<Part.Multi> open = new ArrayDeque<>();
  private final int depth;
  private final Budget budget;
  private int openBodyParts;

  private Collector(int depth, Budget budget) {
    this.depth = depth;
    this.budget = budget;
  }

  static Message parse(InputStream in, int depth, Budget budget) throws IOException, MimeException {
    Collector collector = new Collector(depth, budget);
    MimeStreamParser parser = new MimeStreamParser(CONFIG, DecodeMonitor.SILENT,
        new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
    parser.setContentDecoding(true);
    parser.setNoRecurse(); // forwarded messages are parsed here, one level at a time, with their size counted
    parser.setContentHandler(collector);
    parser.parse(in);
    return collector.message;
  }

  @Override
  public void startMessage() {}

  @Override
  public void endMessage() {}

  @Override
  public void startBodyPart() throws MimeException {
    openBodyParts++;
    if (++budget.parts > MAX_PARTS) {
      throw new Refused(MalformedMail.Reason.TOO_MANY_PARTS);
    }
  }

  @Override
  public void endBodyPart() {
    openBodyParts--;
  }

  @Override
  public void startHeader() {}

  @Override
  public void field(Field field) {
    if (openBodyParts == 0) {
      message.fields.add(field);
    }
  }

  @Override
  public void endHeader() {}

  @Override
  public void preamble(InputStream is) {}

  @Override
  public void epilogue(InputStream is) {}

  @Override
  public void startMultipart(BodyDescriptor bd) throws MimeException {
    if (depth + open.size() + 1 > MAX_DEPTH) {
      throw new Refused(MalformedMail.Reason.TOO_DEEP);
    }
    Part.Multi multi = new Part.Multi(bd.getSubType() == null ? "mixed" : bd.getSubType().toLowerCase(Locale.ROOT));
    add(multi);
    open.push(multi);
  }

  @Override
  public void endMultipart() {
    open.pop();
  }

  @Override
  public void body(BodyDescriptor bd, InputStream in) throws MimeException, IOException {
    MaximalBodyDescriptor descriptor = (MaximalBodyDescriptor) bd;
    String type = bd.getMimeType() == null ? "application/octet-stream" : bd.getMimeType().toLowerCase(Locale.ROOT);
    String fileName = fileName(descriptor);
    boolean attached = "attachment".equalsIgnoreCase(descriptor.getContentDispositionType());
    if ((type.equals("text/plain") || type.equals("text/html")) && fileName.isEmpty() && !attached) {
      String text = TextDecoding.decode(in.readAllBytes(), bd.getCharset());
      if (type.equals("text/plain") && "flowed".equalsIgnoreCase(parameter(descriptor, "format"))) {
        text = Flowed.unflow(text, "yes".equalsIgnoreCase(parameter(descriptor, "delsp")));
      }
      add(new Part.Text(type.equals("text/html"), text));
    } else if (type.equals("message/rfc822") || type.equals("message/global")) {
      forwarded(fileName, type, in);
    } else {
      message.attachments.add(new Attachment(fileName, type, in.transferTo(OutputStream.nullOutputStream())));
    }
  }

  /**
   * A forwarded message is parsed as a message of its own, one level deeper. One that cannot be
   * parsed is still listed as an attachment: the mail around it is fine.
   */
  private void forwarded(String fileName, String type, InputStream in) throws MimeException, IOException {
    if (depth + open.size() + 1 > MAX_DEPTH) {
      throw new Refused(MalformedMail.Reason.TOO_DEEP);
    }
    CountingInput counted = new CountingInput(in);
    Message inner;
    try {
      inner = parse(counted, depth + open.size() + 1, budget);
    } catch (Refused e) {
      throw e;
    } catch (MimeException e) {
      inner = null;
    }
    counted.transferTo(OutputStream.nullOutputStream());
    message.attachments.add(new Attachment(fileName, type, counted.count));
    if (inner != null) {
      message.attachments.addAll(inner.attachments);
      add(new Part.Forward(inner));
    }
  }

  @Override
  public void raw(InputStream is) {}

  private void add(Part part) {
    if (open.isEmpty()) {
      if (message.body == null) {
        message.body = part;
      }
    } else {
      open.peek().children().add(part);
    }
  }

  /**
   * Content-Disposition's filename, else Content-Type's older name, decoded (Outlook and Gmail send
   * RFC 2047 words there) and without any path a sender's program left in it.
   */
  private static String fileName(MaximalBodyDescriptor descriptor) {
    String name = descriptor.getContentDispositionFilename();
    if (name == null || name.isBlank()) {
      name = parameter(descriptor, "name");
    }
    if (name == null) {
      return "";
    }
    name = Message.oneLine(Message.decodeWords(name));
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1).strip();
  }

  private static String parameter(MaximalBodyDescriptor descriptor, String name) {
    return descriptor.getContentTypeParameters().get(name);
  }

  /** Counts the decoded bytes of a forwarded message as its parser reads them. */
  private static final class CountingInput extends FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += Math.max(0, skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    /** Left open for the outer parser, which reads on after the forwarded message. */
    @Override
    public void close() {}
  }
}
