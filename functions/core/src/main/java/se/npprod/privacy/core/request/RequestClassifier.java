package se.npprod.privacy.core.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads which right a mail to the privacy or support address invokes, by fixed Swedish and
 * English keyword rules ({@link RequestRules}), so that the same mail is always read the same way
 * and a person can see why.
 *
 * <p>One right matched: that type. Rules for two or more rights matched: UNKNOWN and ambiguous,
 * with all the evidence, for a person to decide; choosing one would start a process the sender
 * may not have asked for (an erasure instead of an extract), and doing both would act on a guess.
 * Nothing matched: UNKNOWN, not ambiguous, which is most mail to a shop ("När kommer min
 * leverans?"). A marketing objection phrased as a removal ("ta bort mig från nyhetsbrevet") is an
 * objection, not an erasure: see {@link RequestRules}.
 */
public final class RequestClassifier {
  private RequestClassifier() {}

  /**
   * @param subject the mail's subject, or null
   * @param newText the body's new text only: the caller strips what is quoted from earlier mail,
   *     whose words are not the sender's request
   */
  public static Classification classify(String subject, String newText) {
    List<String> sentences = MailText.sentences(subject, newText);
    List<KeywordRule.Hit> hits = new ArrayList<>();
    boolean someoneElse = false;
    for (int i = 0; i < sentences.size(); i++) {
      String sentence = sentences.get(i);
      for (KeywordRule rule : RequestRules.TYPES) {
        hits.addAll(rule.find(i, sentence));
      }
      someoneElse |= RequestRules.SOMEONE_ELSE.matcher(sentence).find();
    }
    hits.sort(Comparator.comparingInt(KeywordRule.Hit::sentence).thenComparingInt(KeywordRule.Hit::start));

    Set<RequestType> types = EnumSet.noneOf(RequestType.class);
    hits.forEach(h -> types.add(h.type()));
    boolean ambiguous = types.size() > 1;
    RequestType type = types.size() == 1 ? types.iterator().next() : RequestType.UNKNOWN;
    List<String> evidence = hits.stream().map(KeywordRule.Hit::evidence).distinct().toList();
    return new Classification(type, evidence, ambiguous, someoneElse, LanguageGuess.of(sentences, hits));
  }
}
