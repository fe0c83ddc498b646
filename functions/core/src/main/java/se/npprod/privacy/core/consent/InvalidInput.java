package se.npprod.privacy.core.consent;

import java.util.List;

/** Input that the caller must fix; it maps to a 4xx problem response and nothing is written. */
public class InvalidInput extends RuntimeException {
  /** One bad field and what is wrong with it. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String type;
  private final List<FieldError> errors;

  public InvalidInput(int status, String type, String title, List<FieldError> errors) {
    super(title);
    this.status = status;
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public static InvalidInput badRequest(List<FieldError> errors) {
    return new InvalidInput(400, "invalid-consent", "The consent decision is not valid", errors);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
