package se.npprod.privacy.core.request;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link RequestClassifier} read in a mail.
 *
 * @param type the one right the mail invokes; UNKNOWN when no rule matched or when rules for
 *     more than one right matched (then {@code ambiguous})
 * @param evidence the words that made rules match, lower-cased, as they appear in the mail, in
 *     the order they appear; for a ruled phrase ("ta bort mitt konto") the whole phrase
 * @param ambiguous rules for more than one right matched: a person decides, with all the evidence
 * @param aboutSomeoneElse the mail asks about another person's data (a spouse, a child, a client):
 *     never handled automatically, because verifying the sender does not verify that person
 * @param language "sv" or "en", the mail's language as far as its words tell; empty when they
 *     tell nothing
 */
public record Classification(
    RequestType type,
    List<String> evidence,
    boolean ambiguous,
    boolean aboutSomeoneElse,
    Optional<String> language) {
  private static final Set<String> LANGUAGES = Set.of("sv", "en");

  public Classification {
    Objects.requireNonNull(type, "type");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(language, "language");
    if (ambiguous && type != RequestType.UNKNOWN) {
      throw new IllegalArgumentException("An ambiguous classification has type UNKNOWN");
    }
    if (language.isPresent() && !LANGUAGES.contains(language.get())) {
      throw new IllegalArgumentException("The language is sv or en");
    }
  }
}
