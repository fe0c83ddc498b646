package se.npprod.privacy.core.subject;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address in the one form every part of the system compares: trimmed, Unicode NFC and
 * lower case. Mail providers treat the local part case-insensitively in practice, and a person who
 * writes from {@code Anna@Example.se} to ask for their data expects the orders placed as
 * {@code anna@example.se} to be found.
 */
public record EmailAddress(String value) {
  private static final String ATOM = "[^@\\s\\p{Cntrl}<>\"(),;:\\[\\]\\\\]";
  /** RFC 5321's limits: 64 characters before the @, 254 in all; one @ and a dotted domain. */
  private static final Pattern SHAPE = Pattern.compile(ATOM + "{1,64}@" + ATOM + "+\\." + ATOM + "{2,}");

  public EmailAddress {
    if (value == null || !valid(value) || !value.equals(normalise(value))) {
      throw new IllegalArgumentException("not a normalised email address");
    }
  }

  /** The normalised address, or empty when {@code raw} is not one address. */
  public static Optional<EmailAddress> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = normalise(raw);
    return valid(s) ? Optional.of(new EmailAddress(s)) : Optional.empty();
  }

  private static String normalise(String raw) {
    return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static boolean valid(String s) {
    return s.length() <= 254 && SHAPE.matcher(s).matches() && !s.contains("..") && !s.startsWith(".")
        && !s.endsWith(".") && !s.contains(".@") && !s.contains("@.");
  }

  /** Never the address itself: a record printed into a log line must not carry it. */
  @Override
  public String toString() {
    return "EmailAddress[…]";
  }
}
