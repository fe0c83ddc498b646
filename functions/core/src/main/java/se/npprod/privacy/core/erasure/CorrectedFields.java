package se.npprod.privacy.core.erasure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;
import se.npprod.privacy.core.policy.Policy;

/**
 * What a rectification may correct (Art. 16): the contact details our registry holds for a person
 * and passes on to the systems of the data map, name and phone. Two others are refused on purpose:
 * the email address is how the person is found and verified (the subject key is derived from it),
 * so a new address is a request from that address; a postal address the registry keeps only on
 * invoices, which bookkeeping law keeps as they were issued. Every bad field is named at once,
 * never with its value.
 */
public final class CorrectedFields {
  static final int MAX_NAME = 200;
  /** As the shop's events are checked ({@code ActivityEvents}): what a system may receive. */
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{5,30}");
  /** The fields, in the order mails list them, with their names for the person. */
  private static final Map<String, Policy.Text> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", new Policy.Text("namn", "name"));
    FIELDS.put("phone", new Policy.Text("telefonnummer", "phone number"));
  }

  private CorrectedFields() {}

  /** The fields a rectification may correct, in order. */
  public static List<String> names() {
    return List.copyOf(FIELDS.keySet());
  }

  /**
   * The corrected fields, trimmed and in the canonical order.
   *
   * @param raw field name to value as the caller sent it (a value that is no string is refused)
   * @throws InvalidInput naming every field that is unknown, empty or out of bounds
   */
  public static Map<String, String> read(Map<String, ?> raw) {
    List<FieldError> errors = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      errors.add(new FieldError("fields", "give at least one corrected field: " + String.join(", ", names())));
      throw invalid(errors);
    }
    for (String name : raw.keySet()) {
      if (!FIELDS.containsKey(name)) {
        errors.add(new FieldError("fields." + name, "not a field we can correct; these are: " + String.join(", ", names())));
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : FIELDS.keySet()) {
      if (!raw.containsKey(name)) {
        continue;
      }
      String value = raw.get(name) instanceof String s ? s.strip() : null;
      String problem = value == null ? "must be a string" : problem(name, value);
      if (problem != null) {
        errors.add(new FieldError("fields." + name, problem));
      } else {
        fields.put(name, value);
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return fields;
  }

  private static String problem(String name, String value) {
    if (name.equals("phone")) {
      return PHONE.matcher(value).matches() ? null : "must be a phone number (digits, spaces, +, -, parentheses; 5 to 30)";
    }
    if (value.isEmpty() || value.length() > MAX_NAME) {
      return "must be 1 to " + MAX_NAME + " characters";
    }
    return value.chars().anyMatch(Character::isISOControl) ? "must not contain control characters" : null;
  }

  /** The field's name as a person reads it, in Swedish or English. */
  static String label(String field, boolean sv) {
    Policy.Text text = FIELDS.get(field);
    return text == null ? field : sv ? text.sv() : text.en();
  }

  private static InvalidInput invalid(List<FieldError> errors) {
    return new InvalidInput("invalid-rectification", "The corrected fields are not valid", errors);
  }
}
