package se.npprod.privacy.core.extract;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.core.policy.Policy;

/**
 * The words and formats a register extract is written in, Swedish and English. The facts come from
 * the policy; these are the fixed words around them, in the same wording as the privacy page, so a
 * person reads the same thing in both places.
 */
final class Words {
  private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SV_TIME = DateTimeFormatter.ofPattern("'kl.' HH.mm", Locale.forLanguageTag("sv"));
  private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /**
   * Field names as the shop's systems send them (see {@code ActivityEvents}), in words. A field with
   * no words here is shown under its own name: the extract never leaves a field out for want of a
   * label.
   */
  private static final Map<String, String[]> FIELDS = Map.ofEntries(
      Map.entry("orderId", new String[] {"Ordernummer", "Order number"}),
      Map.entry("lines", new String[] {"Orderrader", "Order lines"}),
      Map.entry("total", new String[] {"Summa", "Total"}),
      Map.entry("currency", new String[] {"Valuta", "Currency"}),
      Map.entry("deliveryNote", new String[] {"Leveransbeskrivning", "Delivery note"}),
      Map.entry("goodsMarking", new String[] {"Godsmärke", "Goods marking"}),
      Map.entry("sku", new String[] {"Artikelnummer", "Article number"}),
      Map.entry("quantity", new String[] {"Antal", "Quantity"}),
      Map.entry("unitPrice", new String[] {"Styckpris", "Unit price"}),
      Map.entry("invoiceNumber", new String[] {"Fakturanummer", "Invoice number"}),
      Map.entry("invoiceDate", new String[] {"Fakturadatum", "Invoice date"}),
      Map.entry("amount", new String[] {"Belopp", "Amount"}),
      Map.entry("vat", new String[] {"Moms", "VAT"}),
      Map.entry("buyerName", new String[] {"Köparens namn", "Buyer's name"}),
      Map.entry("buyerAddress", new String[] {"Köparens adress", "Buyer's address"}),
      Map.entry("caseId", new String[] {"Ärende", "Case"}),
      Map.entry("channel", new String[] {"Kanal", "Channel"}),
      Map.entry("subject", new String[] {"Ämne", "Subject"}),
      Map.entry("summary", new String[] {"Sammanfattning", "Summary"}),
      Map.entry("name", new String[] {"Namn", "Name"}),
      Map.entry("email", new String[] {"E-post", "Email"}),
      Map.entry("phone", new String[] {"Telefon", "Phone"}),
      Map.entry("customerNumber", new String[] {"Kundnummer", "Customer number"}),
      Map.entry("customerNumbers", new String[] {"Kundnummer", "Customer numbers"}),
      Map.entry("accountId", new String[] {"Konto", "Account"}),
      Map.entry("created", new String[] {"Nytt konto", "New account"}),
      Map.entry("newsletter", new String[] {"Nyhetsbrev", "Newsletter"}),
      Map.entry("list", new String[] {"Utskickslista", "Mailing list"}),
      Map.entry("consent", new String[] {"Samtycke till marknadsföring", "Consent to marketing"}),
      Map.entry("consentedAt", new String[] {"Samtycke lämnat", "Consent given"}),
      Map.entry("favourites", new String[] {"Favoriter", "Favourites"}),
      Map.entry("favorites", new String[] {"Favoriter", "Favourites"}),
      Map.entry("savedCarts", new String[] {"Sparade kundvagnar", "Saved carts"}));

  /** Record kinds as counted nouns: singular, plural, in Swedish then English. */
  private static final Map<String, String[]> KINDS = Map.of(
      "order", new String[] {"beställning", "beställningar", "order", "orders"},
      "invoice", new String[] {"faktura", "fakturor", "invoice", "invoices"},
      "supportContact", new String[] {"supportärende", "supportärenden", "support case", "support cases"},
      "account", new String[] {"konto", "konton", "account", "accounts"},
      "marketingImport", new String[] {"plats på en utskickslista", "platser på utskickslistor", "place on a mailing list",
          "places on mailing lists"});

  /** The kinds that hold the person's own contact details. */
  static final java.util.Set<String> CONTACT_KINDS = java.util.Set.of("profile", "contact");

  private Words() {}

  static boolean swedish(String language) {
    return !"en".equals(language);
  }

  static String text(Policy.Text text, boolean sv) {
    if (text == null) {
      return "";
    }
    String s = sv ? text.sv() : text.en();
    return s != null ? s : sv ? text.en() : text.sv();
  }

  static String basis(Policy.LegalBasis basis, boolean sv) {
    return se.npprod.privacy.core.policy.PolicyWords.basis(basis, sv);
  }

  static String role(Policy.RecipientRole role, boolean sv) {
    return se.npprod.privacy.core.policy.PolicyWords.role(role, sv);
  }

  static String field(String key, boolean sv) {
    String[] words = FIELDS.get(key);
    return words == null ? key : words[sv ? 0 : 1];
  }

  /** "12 beställningar", "1 invoice", "kontaktuppgifter"; null for a kind with no noun. */
  static String count(String kind, long n, boolean sv) {
    if (CONTACT_KINDS.contains(kind)) {
      // A person has contact details, not "1 contact detail": counted only when a system holds several sets.
      String words = sv ? "kontaktuppgifter" : "contact details";
      return n == 1 ? words : words + " (" + n + ")";
    }
    String[] words = KINDS.get(kind);
    if (words == null) {
      return null;
    }
    return n + " " + words[(sv ? 0 : 2) + (n == 1 ? 0 : 1)];
  }

  static String items(long n, boolean sv) {
    return n + (sv ? (n == 1 ? " uppgift" : " uppgifter") : (n == 1 ? " item" : " items"));
  }

  static String date(LocalDate date, boolean sv) {
    return (sv ? SV_DATE : EN_DATE).format(date);
  }

  static String date(Instant instant, ZoneId zone, boolean sv) {
    return date(instant.atZone(zone).toLocalDate(), sv);
  }

  static String dateTime(Instant instant, ZoneId zone, boolean sv) {
    var at = instant.atZone(zone);
    return sv ? SV_DATE.format(at) + " " + SV_TIME.format(at) : EN_DATE.format(at) + ", " + EN_TIME.format(at);
  }

  /** A date field ("2026-03-03") in words; empty when the system sent something else. */
  static Optional<LocalDate> parseDate(Object value) {
    if (value instanceof LocalDate d) {
      return Optional.of(d);
    }
    if (value instanceof String s) {
      try {
        return Optional.of(LocalDate.parse(s));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static String months(Period period, boolean sv) {
    return se.npprod.privacy.core.policy.PolicyWords.months(period, sv);
  }

  static String hours(Duration duration, boolean sv) {
    return se.npprod.privacy.core.policy.PolicyWords.hours(duration, sv);
  }

  static String ordinal(int n, boolean sv) {
    if (sv) {
      boolean teen = n % 100 == 11 || n % 100 == 12;
      return n + ((n % 10 == 1 || n % 10 == 2) && !teen ? ":a" : ":e");
    }
    return n + (n % 10 == 1 && n % 100 != 11 ? "st" : n % 10 == 2 && n % 100 != 12 ? "nd"
        : n % 10 == 3 && n % 100 != 13 ? "rd" : "th");
  }

  static String yesNo(boolean b, boolean sv) {
    return b ? (sv ? "ja" : "yes") : (sv ? "nej" : "no");
  }

  /**
   * An amount as a Swedish or English reader writes it ("1 299,00" / "1,299.00"), keeping the
   * decimals the system gave; anything that is not a number is shown as sent.
   */
  static String amount(Object value, boolean sv) {
    BigDecimal d;
    try {
      d = value instanceof BigDecimal b ? b : value instanceof Number || value instanceof String
          ? new BigDecimal(value.toString().strip()) : null;
    } catch (NumberFormatException e) {
      d = null;
    }
    if (d == null) {
      return scalar(value, sv);
    }
    String plain = d.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        grouped.append(sv ? '\u00a0' : ',');
      }
      grouped.append(whole.charAt(i));
    }
    return (d.signum() < 0 ? "-" : "") + grouped + (fraction.isEmpty() ? "" : (sv ? "," : ".") + fraction);
  }

  /** A scalar field value in words: text as sent, numbers as written, booleans as yes or no. */
  static String scalar(Object value, boolean sv) {
    if (value == null) {
      return sv ? "(inget värde)" : "(no value)";
    }
    if (value instanceof Boolean b) {
      return yesNo(b, sv);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }
}
