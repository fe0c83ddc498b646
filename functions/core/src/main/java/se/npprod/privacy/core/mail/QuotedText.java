package se.npprod.privacy.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the sender wrote in this mail, apart from the earlier mail it quotes or forwards and the
 * signature under it. Requests are classified on this part only: a reply that quotes our own
 * answer ("we have erased your data") must not read as a new erasure request.
 *
 * <p>Mail programs mark the quoted part in a few ways, all handled here, in Swedish and English:
 * lines beginning with {@code >} (removed wherever they stand, so interleaved answers keep the
 * sender's lines); a reply header ("Den 3 mars 2026 kl. 10:12 skrev …:", "On …, 10:12, … wrote:",
 * also wrapped over two or three lines); Outlook's "-----Original Message-----" and its header
 * block ("Från: … Skickat: … Till: … Ämne:"); forward markers from Gmail, Thunderbird, Outlook and
 * Apple Mail. Everything from the first such marker on is dropped, and so is everything from a
 * signature separator ("-- ") or a mobile program's "Skickat från min iPhone" on.
 *
 * <p>A reply header needs a year, a time and the verb before its closing colon, so that a sentence
 * like "Den 3 mars skrev jag till er:" stays the sender's own.
 */
public final class QuotedText {
  /**
   * The sender's own text and whether the mail forwards another.
   *
   * @param text the sender's lines, trimmed, at most one blank line in a row
   * @param forwarded whether what follows the sender's text is a forwarded mail
   */
  public record Own(String text, boolean forwarded) {}

  private enum Marker { REPLY, FORWARD, EITHER }

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern FORWARD_LINE = Pattern.compile(
      "^-{2,}\\s*(forwarded message|vidarebefordrat meddelande|vidarebefordrat brev"
          + "|weitergeleitete nachricht|message transféré|videresendt melding|videresendt meddelelse)"
          + "\\s*-{2,}$", FLAGS);
  private static final Pattern FORWARD_INTRO = Pattern.compile(
      "^(begin forwarded message|början på vidarebefordrat (brev|meddelande)"
          + "|början av vidarebefordrat (brev|meddelande)|vidarebefordrat (brev|meddelande))\\s*:$", FLAGS);
  private static final Pattern ORIGINAL_LINE = Pattern.compile(
      "^-{2,}\\s*(original message|ursprungligt meddelande|originalmeddelande"
          + "|ursprüngliche nachricht|message d'origine|opprinnelig melding|oprindelig meddelelse)"
          + "\\s*-{2,}$", FLAGS);
  /** A reply header begins with a preposition (On, Den, Am, …) or has a year near its start. */
  private static final Pattern REPLY_HEADER_START = Pattern.compile(
      "^(on|den|am|le|el|op|il)\\s.*|^.{0,40}\\b(19|20)\\d\\d\\b.*", FLAGS);
  private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d\\d\\b");
  private static final Pattern TIME = Pattern.compile("\\b\\d{1,2}[:.]\\d\\d\\b");
  private static final Pattern VERB = Pattern.compile(
      "\\b(wrote|skrev|schrieb|a écrit|escribió|schreef|ha scritto)\\b", FLAGS);
  /** Longer than any reply header, however long the name: such a line is the sender's text. */
  private static final int MAX_REPLY_HEADER = 400;
  private static final Pattern HEADER_FROM = Pattern.compile(
      "^\\*?(from|från|von|de|fra)\\s*:\\*?\\s*\\S.*", FLAGS);
  private static final Pattern HEADER_SENT = Pattern.compile(
      "^\\*?(sent|skickat|date|datum|gesendet|envoyé|sendt)\\s*:.*", FLAGS);
  private static final Pattern HEADER_TO_OR_SUBJECT = Pattern.compile(
      "^\\*?(to|till|an|à|til|subject|ämne|betreff|objet|emne)\\s*:.*", FLAGS);
  private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
      "^((sent|skickat?|skickades) (from|från) (my|min|mitt) (iphone|ipad|android|samsung|galaxy"
          + "|mobil|mobile|smartphone|blackberry|huawei|xiaomi|oneplus|pixel)\\b.{0,40}"
          + "|(get|hämta|skaffa) outlook (for|för) (ios|android)"
          + "|(sent from|skickat från) (mail|e-post) (for|för) windows.{0,10})$", FLAGS);
  private static final Pattern SEPARATOR = Pattern.compile("^[_\\-=*~]{5,}$");
  /** Forward prefixes in subjects: Fwd/Fw, Swedish VB, Norwegian and Danish VS, German WG, French TR, Spanish RV. */
  private static final Pattern FORWARD_SUBJECT = Pattern.compile(
      "^\\s*(\\[?(fwd?|vb|vs|wg|tr|rv)\\]?\\s*:).*", FLAGS | Pattern.DOTALL);

  private QuotedText() {}

  /** {@link #split(String, String)} without a subject. */
  public static String newText(String body) {
    return split(body, null).text();
  }

  /**
   * The sender's own part of a plain-text body.
   *
   * @param subject the decoded subject, which tells a forward from a reply where the marker does
   *     not (Outlook heads both with the same block); may be null
   */
  public static Own split(String body, String subject) {
    String[] lines = (body == null ? "" : body).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    Marker marker = null;
    int end = lines.length;
    int signature = lines.length;
    for (int i = 0; i < lines.length && marker == null; i++) {
      if (isQuoted(lines[i])) {
        continue;
      }
      String line = clean(lines[i]);
      if (signature == lines.length && isSignature(lines[i], line)) {
        signature = i;
      }
      marker = markerAt(lines, i, line);
      if (marker != null) {
        end = i;
      }
    }
    boolean forwarded = marker == Marker.FORWARD || (marker != Marker.REPLY && isForwardSubject(subject));
    return new Own(own(lines, Math.min(end, signature)), forwarded);
  }

  /** Whether a subject begins as mail programs begin a forward's ("Fwd:", "VB:", "Fw:"). */
  public static boolean isForwardSubject(String subject) {
    return subject != null && FORWARD_SUBJECT.matcher(subject).matches();
  }

  private static Marker markerAt(String[] lines, int i, String line) {
    if (FORWARD_LINE.matcher(line).matches() || FORWARD_INTRO.matcher(line).matches()) {
      return Marker.FORWARD;
    }
    if (ORIGINAL_LINE.matcher(line).matches() || isOutlookHeader(lines, i, line)) {
      return Marker.EITHER;
    }
    if (isReplyHeader(lines, i, line)) {
      return Marker.REPLY;
    }
    return null;
  }

  /** Gmail and Apple Mail wrap a long reply header, so it may end a line or two further down. */
  private static boolean isReplyHeader(String[] lines, int i, String line) {
    if (line.length() > MAX_REPLY_HEADER || !REPLY_HEADER_START.matcher(line).matches()) {
      return false;
    }
    String joined = line;
    for (int next = i + 1; ; next++) {
      if (joined.endsWith(":")) {
        return yearTimeThenVerb(joined);
      }
      if (next >= lines.length || next > i + 2 || isQuoted(lines[next])) {
        return false;
      }
      String more = clean(lines[next]);
      if (more.isEmpty() || joined.length() + more.length() >= MAX_REPLY_HEADER) {
        return false;
      }
      joined = joined + " " + more;
    }
  }

  /**
   * A year, then a time, then the verb: "Den 3 mars 2026 kl. 10:12 skrev A &lt;a@b&gt;:". Matched
   * piece by piece rather than by one pattern, which would backtrack for long on a crafted line.
   */
  private static boolean yearTimeThenVerb(String header) {
    var verb = VERB.matcher(header);
    int verbAt = -1;
    while (verb.find()) {
      verbAt = verb.start();
    }
    if (verbAt < 0) {
      return false;
    }
    var year = YEAR.matcher(header).region(0, verbAt);
    return year.find() && TIME.matcher(header).region(year.end(), verbAt).find();
  }

  /** Outlook's block: From, then within a few lines Sent (or Date), and To or Subject. */
  private static boolean isOutlookHeader(String[] lines, int i, String line) {
    if (!HEADER_FROM.matcher(line).matches()) {
      return false;
    }
    boolean sent = false;
    boolean toOrSubject = false;
    for (int j = i + 1; j < lines.length && j <= i + 6; j++) {
      String next = clean(lines[j]);
      sent |= HEADER_SENT.matcher(next).matches();
      toOrSubject |= HEADER_TO_OR_SUBJECT.matcher(next).matches();
    }
    return sent && toOrSubject;
  }

  private static boolean isSignature(String raw, String line) {
    String noBreak = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    return noBreak.equals("-- ") || noBreak.equals("--") || MOBILE_SIGNATURE.matcher(line).matches();
  }

  private static boolean isQuoted(String raw) {
    return raw.stripLeading().startsWith(">");
  }

  /** A line as markers are matched: no surrounding blanks, non-breaking spaces as spaces. */
  private static String clean(String raw) {
    return raw.replace('\u00a0', ' ').strip();
  }

  private static String own(String[] lines, int end) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      if (isQuoted(lines[i])) {
        continue;
      }
      String line = lines[i].replace('\u00a0', ' ').stripTrailing();
      boolean blank = line.isEmpty();
      if (blank && (kept.isEmpty() || kept.get(kept.size() - 1).isEmpty())) {
        continue;
      }
      kept.add(line);
    }
    while (!kept.isEmpty()) {
      String last = kept.get(kept.size() - 1);
      if (last.isEmpty() || SEPARATOR.matcher(last.strip()).matches()) {
        kept.remove(kept.size() - 1);
      } else {
        break;
      }
    }
    return String.join("\n", kept);
  }
}
