package se.npprod.privacy.core.request;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that must stand close to a keyword, in the same phrase, for the keyword to mean what a
 * rule says: "ta bort" is a request for erasure only with an object such as "mitt konto" after it.
 *
 * @param maxGapWords how many words may stand between the keyword and these words (0: next to it)
 */
record Near(Pattern words, Side side, int maxGapWords) {
  enum Side { BEFORE, AFTER, EITHER }

  /**
   * What ends a phrase: punctuation inside a sentence, and the conjunctions that start a second
   * clause, so that in "radera mitt konto och avsluta nyhetsbrevet" the newsletter is not what
   * "radera" is about.
   */
  private static final Pattern BARRIER = Pattern.compile(
      "[,:;()]|" + KeywordRule.words("och|samt|men|eller|utan|and|but|or|also|plus").pattern(),
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  /** No context phrase in the rules is longer than this many words ("all of my personal data"). */
  private static final int LONGEST_CONTEXT_WORDS = 8;

  static Near after(String regex, int maxGapWords) {
    return new Near(KeywordRule.words(regex), Side.AFTER, maxGapWords);
  }

  static Near before(String regex, int maxGapWords) {
    return new Near(KeywordRule.words(regex), Side.BEFORE, maxGapWords);
  }

  static Near either(String regex, int maxGapWords) {
    return new Near(KeywordRule.words(regex), Side.EITHER, maxGapWords);
  }

  /**
   * The span of the nearest of these words that stands within reach of the keyword at
   * {@code [start, end)} in {@code sentence}, or null; after the keyword is preferred.
   */
  int[] find(String sentence, int start, int end) {
    if (side != Side.BEFORE) {
      Matcher m = reach(sentence, end, wordsFrom(sentence, end, 1));
      while (m.find()) {
        if (reachable(sentence.substring(end, m.start()))) {
          return new int[] {m.start(), m.end()};
        }
      }
    }
    int[] before = null;
    if (side != Side.AFTER) {
      Matcher m = reach(sentence, wordsFrom(sentence, start, -1), start);
      while (m.find()) {
        if (m.end() <= start && reachable(sentence.substring(m.end(), start))) {
          before = new int[] {m.start(), m.end()};
        }
      }
    }
    return before;
  }

  /**
   * Only the few words around the keyword are searched, so that a long sentence full of keywords
   * costs time in proportion to its length, not to its square. Transparent bounds let the
   * whole-word checks see the characters just outside.
   */
  private Matcher reach(String sentence, int from, int to) {
    return words.matcher(sentence).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** The index {@code maxGapWords} words and a context's longest phrase away, in {@code direction}. */
  private int wordsFrom(String sentence, int index, int direction) {
    int spaces = maxGapWords + LONGEST_CONTEXT_WORDS + 1;
    int i = index;
    while (spaces > 0 && (direction > 0 ? i < sentence.length() : i > 0)) {
      i += direction;
      if (i > 0 && i < sentence.length() && sentence.charAt(i) == ' ') {
        spaces--;
      }
    }
    return Math.max(0, Math.min(sentence.length(), i));
  }

  private boolean reachable(String gap) {
    String g = gap.trim();
    int words = g.isEmpty() ? 0 : g.split(" ").length;
    return words <= maxGapWords && !BARRIER.matcher(g).find();
  }
}
