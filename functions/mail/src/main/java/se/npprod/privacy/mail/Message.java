package se.npprod.privacy.mail;

import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.Field;
import se.npprod.privacy.core.mail.Address;
import se.npprod.privacy.core.mail.Attachment;

/** One parsed message, the received one or one forwarded inside it: its header, body shape and attachments. */
final class Message {
  private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\\\p{Cc}]{1,64}");
  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");
  private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");
  private static final Pattern COMMENTS = Pattern.compile("\\([^()]*\\)");
  private static final int MAX_MESSAGE_ID = 998;

  /** The header fields in order, as mime4j's lenient parser read them. */
  final List<Field> fields = new ArrayList<>();
  final List<Attachment> attachments = new ArrayList<>();
  Part body;

  /** Header names in lower case with their unfolded values in order, for {@code MailKinds}. */
  Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Field field : fields) {
      headers.computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(field.getBody() == null ? "" : field.getBody());
    }
    return headers;
  }

  Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.getName().equalsIgnoreCase(name)).findFirst();
  }

  /** The first usable mailbox of a field, whether mime4j reads it as a mailbox list (From) or an address list (Reply-To). */
  Optional<Address> firstMailbox(String name) {
    return mailboxes(name).stream().map(Message::address).flatMap(Optional::stream).findFirst();
  }

  List<String> addresses(String name) {
    return mailboxes(name).stream().map(Message::address).flatMap(Optional::stream).map(Address::email)
        .collect(Collectors.toList());
  }

  private List<Mailbox> mailboxes(String name) {
    ParsedField parsed = field(name).map(Message::parse).orElse(null);
    MailboxList list = null;
    if (parsed instanceof MailboxListField mailboxes) {
      list = mailboxes.getMailboxList();
    } else if (parsed instanceof AddressListField addresses && addresses.getAddressList() != null) {
      list = addresses.getAddressList().flatten();
    }
    return list == null ? List.of() : list;
  }

  /** Decoded, on one line, never null: a subject may be shown or put back into an answer's header. */
  String subject() {
    return field("Subject").map(f -> oneLine(decodeWords(f.getBody()))).orElse("");
  }

  /**
   * The Date field read by mime4j's lenient RFC 5322 format, after taking out comments and runs of
   * spaces, which Postfix writes ({@code Tue,  3 Mar 2026 11:12:08 +0100 (CET)}) and the format
   * does not allow. Null when missing or still unreadable.
   */
  Instant date() {
    return field("Date").map(Field::getBody).map(body -> {
      String normal = COMMENTS.matcher(body).replaceAll(" ").replaceAll("\\s+", " ").strip();
      try {
        return Instant.from(DateTimeFieldLenientImpl.RFC_5322.parse(normal, new ParsePosition(0)));
      } catch (RuntimeException e) {
        return null;
      }
    }).orElse(null);
  }

  /** Without angle brackets; null when missing, empty or not one token (nothing to deduplicate on). */
  String messageId() {
    String value = field("Message-ID").map(Field::getBody).orElse(null);
    if (value == null) {
      return null;
    }
    String id = value.strip();
    int open = id.indexOf('<');
    int close = id.indexOf('>', open + 1);
    if (open >= 0 && close > open) {
      id = id.substring(open + 1, close).strip();
    }
    if (id.isEmpty() || id.length() > MAX_MESSAGE_ID || id.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return null;
    }
    return id;
  }

  Optional<String> returnPath() {
    return field("Return-Path").map(Field::getBody);
  }

  /**
   * A forwarded message as Gmail writes an inline forward, so that {@code QuotedText} finds the
   * same marker whichever way the mail was forwarded.
   */
  String forwardBlock() {
    StringBuilder block = new StringBuilder("---------- Forwarded message ---------\n");
    firstMailbox("From").ifPresent(a -> block.append("From: ").append(show(a)).append('\n'));
    field("Date").ifPresent(f -> block.append("Date: ").append(oneLine(f.getBody())).append('\n'));
    block.append("Subject: ").append(subject()).append('\n');
    List<String> to = addresses("To");
    if (!to.isEmpty()) {
      block.append("To: ").append(String.join(", ", to)).append('\n');
    }
    String text = body == null ? "" : Part.render(body).strip();
    return block.append('\n').append(text).toString().strip();
  }

  private static String show(Address address) {
    return address.displayName().isEmpty()
        ? "<" + address.email() + ">"
        : address.displayName() + " <" + address.email() + ">";
  }

  private static ParsedField parse(Field field) {
    return LenientFieldParser.getParser().parse(field, DecodeMonitor.SILENT);
  }

  /** A mailbox with a usable address; group syntax, bare names and broken addresses give none. */
  private static Optional<Address> address(Mailbox mailbox) {
    String local = mailbox.getLocalPart();
    String domain = mailbox.getDomain();
    if (local == null || domain == null || !LOCAL_PART.matcher(local).matches() || !isDomain(domain)) {
      return Optional.empty();
    }
    String name = mailbox.getName() == null ? "" : oneLine(mailbox.getName());
    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1).strip();
    }
    return Optional.of(new Address(local + "@" + domain, name));
  }

  private static boolean isDomain(String domain) {
    if (domain.isEmpty() || domain.length() > 253) {
      return false;
    }
    for (String label : domain.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static String decodeWords(String value) {
    if (value == null) {
      return "";
    }
    try {
      return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
    } catch (IllegalArgumentException e) { // an encoded word in an unknown charset: shown as sent
      return value;
    }
  }

  /**
   * Control characters and line breaks become spaces: an encoded word may hide a CR LF, which
   * must never reach a header we write or a log line.
   */
  static String oneLine(String value) {
    return CONTROLS.matcher(value).replaceAll(" ").replaceAll(" {2,}", " ").strip();
  }
}
