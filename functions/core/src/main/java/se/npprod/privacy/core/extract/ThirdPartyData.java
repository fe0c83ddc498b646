package se.npprod.privacy.core.extract;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Art. 15(4): a copy must not adversely affect the rights of others. Free text customers and staff
 * wrote (a support summary, a delivery note) can name somebody else; when an item's text holds an
 * email address other than the person's own, or a phone number other than one of the person's own,
 * the extract goes to a person on the privacy team before it is sent. The answer is a reason code
 * only: the value found is somebody's data and goes nowhere.
 */
final class ThirdPartyData {
  static final String REASON = "third-party-data";

  /**
   * Digits with the separators people type between them ("070-123 45 67", "+46 (0)70 123 45 67",
   * "08.123.45.67"). At most two separators in a row, so that "070-123 45 67 / 08-12 34 56" is two
   * numbers; the separators hold no digit, so the pattern cannot backtrack.
   */
  private static final Pattern PHONE = Pattern.compile("(?<![\\p{Alnum}+])\\+?\\d(?:[ \\u00a0\\-./()]{0,2}\\d)*");
  private static final int MIN_PHONE_DIGITS = 7;
  /**
   * Identifiers, dates and amounts: an order number or an invoice date is not a phone number, and
   * reading them as one would send every extract to review. Email addresses are looked for in them
   * all the same.
   */
  private static final Pattern NOT_PHONE_FIELD = Pattern.compile(
      "(?:id|ids|sku|number|numbers|date|total|amount|vat|price|quantity|currency)"
          + "|.*(?:Id|ID|Ids|Number|Numbers|No|Nr|Sku|SKU|Date|At|Time|Price|Amount|Total|Vat|VAT)");
  private static final Pattern PHONE_FIELD = Pattern.compile("(?i).*(?:phone|telefon|mobil|tel).*");

  private final String ownEmail;
  private final Set<String> ownPhones = new HashSet<>();

  private ThirdPartyData(Extract extract) {
    this.ownEmail = normaliseEmail(extract.email() == null ? "" : extract.email());
    for (SystemData system : extract.systems()) {
      for (DataItem item : system.items()) {
        if (Words.CONTACT_KINDS.contains(item.kind()) && item.fields() != null) {
          collectOwnPhones(item.fields(), false);
        }
      }
    }
  }

  static Optional<String> check(Extract extract) {
    ThirdPartyData check = new ThirdPartyData(extract);
    for (SystemData system : extract.systems()) {
      for (DataItem item : system.items()) {
        if (item.fields() != null && check.names(item.fields(), null)) {
          return Optional.of(REASON);
        }
      }
    }
    return Optional.empty();
  }

  /** The person's own numbers: the phone fields of their contact details, however nested. */
  private void collectOwnPhones(Object value, boolean phoneField) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectOwnPhones(v, phoneField || PHONE_FIELD.matcher(String.valueOf(k)).matches()));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collectOwnPhones(v, phoneField));
    } else if (phoneField && value != null) {
      Matcher m = PHONE.matcher(value.toString());
      while (m.find()) {
        ownPhones.add(normalisePhone(m.group()));
      }
    }
  }

  private boolean names(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (names(e.getValue(), String.valueOf(e.getKey()))) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (names(element, key)) {
          return true;
        }
      }
      return false;
    }
    if (!(value instanceof CharSequence text)) {
      return false;
    }
    String s = text.toString();
    return otherEmail(s) || mayHoldPhone(key) && otherPhone(s);
  }

  private static boolean mayHoldPhone(String key) {
    return key == null || PHONE_FIELD.matcher(key).matches() || !NOT_PHONE_FIELD.matcher(key).matches();
  }

  /**
   * Each {@code @} with an address around it. Found by hand, outward from the {@code @}, rather than
   * by a pattern that would try every start in a long text.
   */
  private boolean otherEmail(String s) {
    for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
      int start = at;
      while (start > 0 && localChar(s.charAt(start - 1))) {
        start--;
      }
      int end = at + 1;
      while (end < s.length() && domainChar(s.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
        end--;
      }
      while (start < at && s.charAt(start) == '.') {
        start++;
      }
      String domain = s.substring(at + 1, end);
      if (start == at || domain.indexOf('.') <= 0) {
        continue;
      }
      if (!normaliseEmail(s.substring(start, end)).equals(ownEmail)) {
        return true;
      }
    }
    return false;
  }

  private static boolean localChar(char c) {
    return Character.isLetterOrDigit(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
  }

  private static boolean domainChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }

  private boolean otherPhone(String s) {
    Matcher m = PHONE.matcher(s);
    while (m.find()) {
      String candidate = m.group();
      long digits = candidate.chars().filter(Character::isDigit).count();
      // A Swedish number starts with 0 (national) and any number with + or 00 (international);
      // order numbers, amounts, dates and org numbers start otherwise.
      boolean shaped = candidate.startsWith("+") || candidate.startsWith("0");
      if (digits >= MIN_PHONE_DIGITS && shaped && !ownPhones.contains(normalisePhone(candidate))) {
        return true;
      }
    }
    return false;
  }

  /**
   * One form per number: the country code and the national number without its trunk zero, so that
   * "070-123 45 67", "+46 70 123 45 67", "+46 (0)70-123 45 67" and "0046701234567" are the same.
   */
  static String normalisePhone(String raw) {
    String digits = raw.replaceAll("\\D", "");
    boolean international = raw.strip().startsWith("+");
    if (!international && digits.startsWith("00")) {
      international = true;
      digits = digits.substring(2);
    }
    if (international) {
      if (digits.startsWith("46")) {
        return "46" + stripTrunk(digits.substring(2));
      }
      return digits;
    }
    if (digits.startsWith("0")) {
      return "46" + stripTrunk(digits);
    }
    // Stored without a prefix at all: taken as a Swedish national number without its zero.
    return "46" + digits;
  }

  private static String stripTrunk(String national) {
    return national.startsWith("0") ? national.substring(1) : national;
  }

  private static String normaliseEmail(String raw) {
    return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
