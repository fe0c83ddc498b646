package se.npprod.privacy.core.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import se.npprod.privacy.core.consent.InvalidInput;
import se.npprod.privacy.core.consent.InvalidInput.FieldError;

/**
 * The contract with the shop's systems: the EventBridge events they send, read into activities.
 * Every problem of an event is named at once (by field path, never by value), and an event with
 * any problem is refused whole.
 *
 * <ul>
 *   <li>{@code source: npprod.<system>}, {@code detail-type: Order Placed}: orderId, placedAt,
 *       customer {email, name?, phone?, customerNumber?}, lines [{sku, name, quantity, unitPrice}],
 *       total, currency, deliveryNote?, invoice? {invoiceNumber, invoiceDate, amount, vat, buyerName,
 *       buyerAddress};</li>
 *   <li>{@code Support Contact}: caseId, contactedAt, customer, channel, subject?, summary?;</li>
 *   <li>{@code Account Changed}: accountId, changedAt, customer, created, newsletter?;</li>
 *   <li>{@code Marketing Contact Imported}: list, importedAt, customer, consent, consentedAt (when
 *       consent is true, and only then).</li>
 * </ul>
 */
public final class ActivityEvents {
  public static final String SOURCE_PREFIX = "npprod.";
  public static final String ORDER_PLACED = "Order Placed";
  public static final String SUPPORT_CONTACT = "Support Contact";
  public static final String ACCOUNT_CHANGED = "Account Changed";
  public static final String MARKETING_CONTACT_IMPORTED = "Marketing Contact Imported";
  private static final List<String> DETAIL_TYPES =
      List.of(ORDER_PLACED, SUPPORT_CONTACT, ACCOUNT_CHANGED, MARKETING_CONTACT_IMPORTED);

  private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,2})?");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");
  private static final Pattern SYSTEM = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final int MAX_TEXT = 4000;
  private static final int MAX_LINES = 500;

  private final List<FieldError> errors = new ArrayList<>();
  private final Map<String, Object> detail;

  private ActivityEvents(Map<String, Object> detail) {
    this.detail = detail;
  }

  /** @throws InvalidInput naming every problem; nothing is to be written then */
  public static Activity read(String source, String detailType, String eventId, Map<String, Object> detail) {
    ActivityEvents r = new ActivityEvents(detail == null ? Map.of() : detail);
    String system = source != null && source.startsWith(SOURCE_PREFIX) ? source.substring(SOURCE_PREFIX.length()) : null;
    if (system == null || !SYSTEM.matcher(system).matches()) {
      r.errors.add(new FieldError("source", "must be npprod.<system>"));
    }
    if (eventId == null || eventId.isBlank() || eventId.length() > 100) {
      r.errors.add(new FieldError("id", "is required"));
    }
    Activity activity = switch (detailType == null ? "" : detailType) {
      case ORDER_PLACED -> r.order(eventId, system);
      case SUPPORT_CONTACT -> r.support(eventId, system);
      case ACCOUNT_CHANGED -> r.account(eventId, system);
      case MARKETING_CONTACT_IMPORTED -> r.marketing(eventId, system);
      default -> {
        r.errors.add(new FieldError("detail-type", "must be one of " + DETAIL_TYPES));
        yield null;
      }
    };
    if (!r.errors.isEmpty()) {
      throw new InvalidInput("invalid-activity", "The activity event is not valid", r.errors);
    }
    return activity;
  }

  private Activity order(String id, String system) {
    Instant at = instant(detail, "placedAt", "placedAt");
    Activity.Contact contact = contact();
    String orderId = id(detail, "orderId", "orderId");
    List<Activity.OrderLine> lines = new ArrayList<>();
    Object rawLines = detail.get("lines");
    if (!(rawLines instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "must be a list of 1 to " + MAX_LINES + " order lines"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> line = object(list.get(i), "lines[" + i + "]");
        if (line == null) {
          continue;
        }
        String path = "lines[" + i + "].";
        Object qty = line.get("quantity");
        int quantity = qty instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() > 0 ? n.intValue() : -1;
        if (quantity < 0) {
          errors.add(new FieldError(path + "quantity", "must be a positive whole number"));
        }
        lines.add(new Activity.OrderLine(id(line, "sku", path + "sku"), text(line, "name", path + "name", true),
            quantity, amount(line, "unitPrice", path + "unitPrice")));
      }
    }
    String total = amount(detail, "total", "total");
    String currency = text(detail, "currency", "currency", true);
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code such as SEK"));
    }
    String note = text(detail, "deliveryNote", "deliveryNote", false);
    Optional<Activity.Invoice> invoice = Optional.empty();
    if (detail.get("invoice") != null) {
      Map<String, Object> inv = object(detail.get("invoice"), "invoice");
      if (inv != null) {
        invoice = Optional.of(new Activity.Invoice(id(inv, "invoiceNumber", "invoice.invoiceNumber"),
            date(inv, "invoiceDate", "invoice.invoiceDate"), amount(inv, "amount", "invoice.amount"),
            amount(inv, "vat", "invoice.vat"), text(inv, "buyerName", "invoice.buyerName", true),
            text(inv, "buyerAddress", "invoice.buyerAddress", true)));
      }
    }
    return new Activity.OrderPlaced(id, system, at, contact, orderId, List.copyOf(lines), total, currency, note, invoice);
  }

  private Activity support(String id, String system) {
    return new Activity.SupportContact(id, system, instant(detail, "contactedAt", "contactedAt"), contact(),
        id(detail, "caseId", "caseId"), text(detail, "channel", "channel", true),
        text(detail, "subject", "subject", false), text(detail, "summary", "summary", false));
  }

  private Activity account(String id, String system) {
    Object created = detail.get("created");
    if (!(created instanceof Boolean)) {
      errors.add(new FieldError("created", "must be true or false"));
    }
    Object newsletter = detail.get("newsletter");
    if (newsletter != null && !(newsletter instanceof Boolean)) {
      errors.add(new FieldError("newsletter", "must be true or false when given"));
    }
    return new Activity.AccountChanged(id, system, instant(detail, "changedAt", "changedAt"), contact(),
        id(detail, "accountId", "accountId"), Boolean.TRUE.equals(created),
        Optional.ofNullable(newsletter instanceof Boolean b ? b : null));
  }

  /** Consent is stated either way; its time is required with it and refused without it. */
  private Activity marketing(String id, String system) {
    Instant at = instant(detail, "importedAt", "importedAt");
    Activity.Contact contact = contact();
    String list = id(detail, "list", "list");
    Object consent = detail.get("consent");
    Optional<Instant> consentedAt = Optional.empty();
    if (!(consent instanceof Boolean given)) {
      errors.add(new FieldError("consent", "must be true or false"));
    } else if (given) {
      consentedAt = Optional.ofNullable(instant(detail, "consentedAt", "consentedAt"));
    } else if (detail.get("consentedAt") != null) {
      errors.add(new FieldError("consentedAt", "must be absent when consent is false"));
    }
    return new Activity.MarketingContactImported(id, system, at, contact, list, consentedAt);
  }

  private Activity.Contact contact() {
    Map<String, Object> c = object(detail.get("customer"), "customer");
    if (c == null) {
      return null;
    }
    Object email = c.get("email");
    Optional<EmailAddress> address = email instanceof String s ? EmailAddress.parse(s) : Optional.empty();
    if (address.isEmpty()) {
      errors.add(new FieldError("customer.email", "must be an email address"));
    }
    String phone = text(c, "phone", "customer.phone", false);
    if (phone != null && !phone.matches("\\+?[0-9 ()-]{5,30}")) {
      errors.add(new FieldError("customer.phone", "must be a phone number"));
    }
    String number = c.get("customerNumber") == null ? null : id(c, "customerNumber", "customer.customerNumber");
    return new Activity.Contact(address.orElse(null), text(c, "name", "customer.name", false), phone, number);
  }

  private Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return map;
    }
    errors.add(new FieldError(path, "must be an object"));
    return null;
  }

  private String text(Map<String, Object> m, String key, String path, boolean required) {
    Object v = m.get(key);
    if (v == null && !required) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
      errors.add(new FieldError(path, (required ? "is required: " : "when given, must be ") + "text of 1 to " + MAX_TEXT + " characters"));
      return null;
    }
    return s.strip();
  }

  private String id(Map<String, Object> m, String key, String path) {
    Object v = m.get(key);
    if (v instanceof String s && ID.matcher(s).matches()) {
      return s;
    }
    errors.add(new FieldError(path, "must be an identifier (letters, digits and ._:/-, at most 100)"));
    return null;
  }

  private String amount(Map<String, Object> m, String key, String path) {
    Object v = m.get(key);
    String s = v instanceof String t ? t : v instanceof Number n ? n.toString() : null;
    if (s == null || !AMOUNT.matcher(s).matches()) {
      errors.add(new FieldError(path, "must be an amount such as \"298.00\""));
      return null;
    }
    return s;
  }

  private Instant instant(Map<String, Object> m, String key, String path) {
    try {
      return Instant.parse(String.valueOf(m.get(key)));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(path, "must be an ISO-8601 instant such as 2026-11-25T10:15:00Z"));
      return null;
    }
  }

  private LocalDate date(Map<String, Object> m, String key, String path) {
    try {
      return LocalDate.parse(String.valueOf(m.get(key)));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(path, "must be a date such as 2026-11-25"));
      return null;
    }
  }
}
