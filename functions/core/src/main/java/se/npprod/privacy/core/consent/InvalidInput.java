package se.npprod.privacy.core.consent;

import java.util.List;

/**
 * Input that the caller must fix; nothing is written. The core says what is wrong and names a
 * problem type; the HTTP module decides the status.
 */
public class InvalidInput extends RuntimeException {
  /** One bad field and what is wrong with it. */
  public record FieldError(String field, String message) {}

  private final String type;
  private final List<FieldError> errors;

  public InvalidInput(String type, String title, List<FieldError> errors) {
    super(title);
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public static InvalidInput badRequest(List<FieldError> errors) {
    return new InvalidInput("invalid-consent", "The consent decision is not valid", errors);
  }

  /** A short name for the problem, part of its type URI. */
  public String type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
