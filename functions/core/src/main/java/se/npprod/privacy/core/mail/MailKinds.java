package se.npprod.privacy.core.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides from a mail's headers whether a person wrote it. Mail that is not {@link
 * MailKind#PERSONAL} is recorded but never answered: answering an out-of-office note or a bounce is
 * how two machines start mailing each other for ever (RFC 3834 §2).
 *
 * <p>The strongest evidence wins: a delivery report first (bounces often carry Auto-Submitted as
 * well), then the sender's own statement that it answered automatically, then list headers, then
 * the weaker Precedence and an empty Return-Path.
 *
 * <p>{@code X-Auto-Response-Suppress} is not taken as a sign of an automatic mail on its own. It is
 * Exchange's request to the receiver not to send automatic answers to this mail ([MS-OXCMAIL]
 * 2.1.3.2.20), and Outlook, calendar systems and newsletters set it on mail people write and read.
 * Exchange puts {@code X-Auto-Response-Suppress: All} on its own out-of-office replies, which older
 * versions send without Auto-Submitted; so the header counts only when it suppresses all or
 * out-of-office answers and the mail also looks like one: an out-of-office subject, or Exchange's
 * {@code X-MS-Exchange-Inbox-Rules-Loop} that marks mail sent by a mailbox rule.
 */
public final class MailKinds {
  /** How Exchange and Outlook begin an out-of-office subject, in Swedish and English (and German). */
  private static final Pattern AUTO_SUBJECT = Pattern.compile(
      "^(automatiskt svar|autosvar|automatic reply|auto[- ]?reply|out of (the )?office|frånvaro"
          + "|vacation|abwesenheit|automatische antwort).*",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  private static final Pattern SUPPRESS_AUTOMATIC = Pattern.compile(
      "(^|[,\\s])(all|oof|autoreply)($|[,\\s])", Pattern.CASE_INSENSITIVE);
  private static final Pattern DELIVERY_REPORT = Pattern.compile(
      "^\\s*multipart/report\\s*;.*report-type\\s*=\\s*\"?delivery-status\\b.*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern READ_RECEIPT = Pattern.compile(
      "^\\s*multipart/report\\s*;.*report-type\\s*=\\s*\"?disposition-notification\\b.*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private MailKinds() {}

  /**
   * The kind of one mail.
   *
   * @param headers the top-level header fields: lower-case names, unfolded values in order
   * @param returnPath the envelope sender (the Return-Path the receiving server wrote), null when
   *     unknown; {@code <>} or empty means none, as on bounces and many automatic answers
   * @param subject the decoded subject, for Exchange's out-of-office replies; may be null
   */
  public static MailKind of(Map<String, List<String>> headers, String returnPath, String subject) {
    if (isDeliveryReport(headers)) {
      return MailKind.BOUNCE;
    }
    if (saysItIsAutomatic(headers, subject)) {
      return MailKind.AUTO_REPLY;
    }
    if (has(headers, "list-id") || has(headers, "list-unsubscribe") || precedence(headers, "list")) {
      return MailKind.MAILING_LIST;
    }
    if (precedence(headers, "bulk") || precedence(headers, "junk")) {
      return MailKind.AUTO_REPLY;
    }
    if (returnPath != null && isNullPath(returnPath)) {
      return MailKind.BOUNCE;
    }
    return MailKind.PERSONAL;
  }

  private static boolean isDeliveryReport(Map<String, List<String>> headers) {
    if (contentType(headers, DELIVERY_REPORT) || has(headers, "x-failed-recipients")) {
      return true;
    }
    return isDaemon(first(headers, "from").orElse(""))
        || isDaemon(first(headers, "sender").orElse(""));
  }

  private static boolean saysItIsAutomatic(Map<String, List<String>> headers, String subject) {
    String autoSubmitted = first(headers, "auto-submitted").orElse("").trim();
    if (!autoSubmitted.isEmpty() && !token(autoSubmitted).equals("no")) {
      return true; // RFC 3834 §5: any value other than "no" is an automatic message
    }
    if (has(headers, "x-autoreply") || has(headers, "x-autorespond")
        || has(headers, "x-autoresponder") || precedence(headers, "auto_reply")) {
      return true;
    }
    if (contentType(headers, READ_RECEIPT)) {
      return true; // a read receipt (RFC 8098) is written by the program, not the person
    }
    boolean suppressesAutomatic = first(headers, "x-auto-response-suppress")
        .map(v -> SUPPRESS_AUTOMATIC.matcher(v).find()).orElse(false);
    return suppressesAutomatic
        && (has(headers, "x-ms-exchange-inbox-rules-loop")
            || (subject != null && AUTO_SUBJECT.matcher(subject.strip()).matches()));
  }

  private static boolean contentType(Map<String, List<String>> headers, Pattern type) {
    return first(headers, "content-type").map(v -> type.matcher(v).matches()).orElse(false);
  }

  private static boolean precedence(Map<String, List<String>> headers, String value) {
    return first(headers, "precedence").map(p -> token(p).equals(value)).orElse(false);
  }

  /** {@code MAILER-DAEMON} and {@code postmaster} send bounces (RFC 5321 §4.5.1). */
  private static boolean isDaemon(String mailboxHeader) {
    String local = localPart(mailboxHeader).toLowerCase(Locale.ROOT);
    return local.equals("mailer-daemon") || local.equals("postmaster");
  }

  /** The local part of the address in a From-like value, without a library: {@code <…>} or a bare word with @. */
  static String localPart(String value) {
    String address;
    int open = value.lastIndexOf('<');
    int close = value.lastIndexOf('>');
    if (open >= 0 && close > open) {
      address = value.substring(open + 1, close);
    } else {
      address = value.strip().split("\\s+", 2)[0];
    }
    int at = address.lastIndexOf('@');
    String local = at >= 0 ? address.substring(0, at) : address;
    return local.strip().replace("\"", "");
  }

  private static boolean isNullPath(String returnPath) {
    String p = returnPath.replaceAll("[\\s<>]", "");
    return p.isEmpty();
  }

  /** The first word of a header value, lower-cased: {@code auto-replied; owner-email=…} gives {@code auto-replied}. */
  private static String token(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < v.length() && !Character.isWhitespace(v.charAt(end)) && v.charAt(end) != ';'
        && v.charAt(end) != '(') {
      end++;
    }
    return v.substring(0, end);
  }

  private static boolean has(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values != null && !values.isEmpty();
  }

  private static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() || values.get(0) == null
        ? Optional.empty() : Optional.of(values.get(0));
  }
}
