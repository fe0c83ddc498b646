package se.npprod.privacy.core.request;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mail's subject and new text as the keyword rules read them: one form for every way the same
 * words can be typed, cut into sentences so that no rule reaches from one sentence into the next.
 */
final class MailText {
  /**
   * A request states itself early; the limit keeps a hostile mail from costing seconds. What lies
   * beyond it is not read, which can only leave a mail UNKNOWN, that is, for a person to read.
   */
  static final int MAX_CHARS = 20_000;

  /** Sentence ends, and blank lines; a single line break is only a hard wrap in plain-text mail. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("[.!?;…]+(?=\\s|$)|\\R\\h*\\R", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern APOSTROPHES = Pattern.compile("[’‘´`]");

  private MailText() {}

  /** The subject's sentences, then the body's, lower-cased with whitespace collapsed. */
  static List<String> sentences(String subject, String newText) {
    List<String> out = new ArrayList<>();
    int budget = MAX_CHARS;
    for (String part : new String[] {subject, newText}) {
      if (part == null || budget <= 0) {
        continue;
      }
      String cut = part.length() > budget ? part.substring(0, budget) : part;
      budget -= cut.length();
      for (String sentence : SENTENCE_END.split(normalise(cut))) {
        String s = WHITESPACE.matcher(sentence).replaceAll(" ").trim();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /**
   * NFKC joins a decomposed "a + ring" into "å" (as some mail programs send it) and turns
   * no-break spaces and compatibility forms into plain ones; curly apostrophes become straight.
   */
  private static String normalise(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    return APOSTROPHES.matcher(nfkc).replaceAll("'").toLowerCase(Locale.ROOT);
  }
}
