package se.npprod.privacy.core.request;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swedish or English, for the answer's language: Swedish when Swedish words outnumber English
 * ones, English when they do not, nothing when neither shows (an empty mail, an order number).
 * A word counts once; a keyword rule that matched counts for its language too.
 */
final class LanguageGuess {
  /**
   * Common Swedish words, and any word with å, ä or ö. Words both languages use ("i", "all",
   * "data", "be") count for neither.
   */
  private static final Pattern SWEDISH = KeywordRule.words(
      "jag|och|mina|min|mitt|mig|hej|hejsan|ni|er|era|ert|vill|att|inte|det|som|har|kan|tack|mvh|uppgifter"
          + "|av|till|om|en|ett|du|vad|vilka|ska|skulle|eller|\\p{L}*[åäö]\\p{L}*");
  private static final Pattern ENGLISH = KeywordRule.words(
      "and|my|me|the|please|hello|hi|dear|to|you|your|is|of|for|with|can|thanks|thank|regards|would|like"
          + "|want|it|this|from|have|what|which|a|an|on|about|or");

  private LanguageGuess() {}

  static Optional<String> of(List<String> sentences, List<KeywordRule.Hit> hits) {
    long swedish = hits.stream().filter(h -> h.language().equals("sv")).count();
    long english = hits.size() - swedish;
    for (String sentence : sentences) {
      swedish += count(SWEDISH, sentence);
      english += count(ENGLISH, sentence);
    }
    if (swedish > english) {
      return Optional.of("sv");
    }
    return english > 0 ? Optional.of("en") : Optional.empty();
  }

  private static long count(Pattern words, String sentence) {
    Matcher m = words.matcher(sentence);
    long n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
