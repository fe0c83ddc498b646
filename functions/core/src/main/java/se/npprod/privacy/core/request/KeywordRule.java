package se.npprod.privacy.core.request;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyword that points at one right: where it stands in a sentence, and which words must, or
 * must not, stand near it for that to hold.
 *
 * @param language "sv" or "en", the language of the keyword, a hint to the language guess
 * @param needsAny empty, or the contexts of which at least one must be near the keyword
 * @param unlessAny contexts of which none may be near the keyword
 */
record KeywordRule(RequestType type, String language, Pattern trigger, List<Near> needsAny, List<Near> unlessAny) {

  /** Where a rule matched, and the words that made it. */
  record Hit(RequestType type, String language, int sentence, int start, String evidence) {}

  /**
   * Compiles a rule's words so that they match only whole words. Java's {@code \b} has changed
   * meaning between versions and flags; letters and digits on either side are stated instead, so
   * "å", "ä" and "ö" count as letters and "ändå" never matches "ändr(a)".
   */
  static Pattern words(String regex) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + regex + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  }

  static KeywordRule rule(RequestType type, String language, String trigger) {
    return new KeywordRule(type, language, words(trigger), List.of(), List.of());
  }

  KeywordRule needing(Near... contexts) {
    return new KeywordRule(type, language, trigger, List.of(contexts), unlessAny);
  }

  KeywordRule unless(Near... contexts) {
    List<Near> all = new ArrayList<>(unlessAny);
    all.addAll(List.of(contexts));
    return new KeywordRule(type, language, trigger, needsAny, List.copyOf(all));
  }

  KeywordRule as(RequestType other) {
    return new KeywordRule(other, language, trigger, needsAny, unlessAny);
  }

  /** Every place in {@code sentence} (the {@code index}th of the mail) where this rule holds. */
  List<Hit> find(int index, String sentence) {
    List<Hit> hits = new ArrayList<>();
    Matcher m = trigger.matcher(sentence);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (unlessAny.stream().anyMatch(near -> near.find(sentence, start, end) != null)) {
        continue;
      }
      int[] span = {start, end};
      if (!needsAny.isEmpty()) {
        int[] context = needsAny.stream().map(near -> near.find(sentence, start, end))
            .filter(found -> found != null).findFirst().orElse(null);
        if (context == null) {
          continue;
        }
        span = new int[] {Math.min(start, context[0]), Math.max(end, context[1])};
      }
      hits.add(new Hit(type, language, index, span[0], sentence.substring(span[0], span[1])));
    }
    return hits;
  }
}
