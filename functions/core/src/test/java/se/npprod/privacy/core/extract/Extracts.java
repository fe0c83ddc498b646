package se.npprod.privacy.core.extract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.testing.Policies;

/**
 * Extracts built by hand, as the gatherer would build them: the registry's own data (contact
 * details, orders with lines, an invoice, a support contact, an account), an http system with items
 * of kinds the document does not know, a system with nothing, and one that did not answer.
 */
final class Extracts {
  static final Policy POLICY = Policies.seed();
  static final String EMAIL = "anna.andersson@example.se";
  static final String CASE = "NP-1A2B3C4D";
  static final Instant RECEIVED = Instant.parse("2026-11-20T08:30:00Z");
  static final Instant GENERATED = Instant.parse("2026-11-25T13:05:00Z");
  static final LocalDate DUE = LocalDate.of(2026, 12, 21);

  private Extracts() {}

  static Extract sample(String language) {
    return extract(language, List.of(registry(), crm(), empty("newsletter"), unavailable("logistics")));
  }

  static Extract extract(String language, List<SystemData> systems) {
    return new Extract("1a2b3c4d-0000-4000-8000-000000000001", CASE, language, EMAIL, RECEIVED, DUE, GENERATED, systems);
  }

  static SystemData registry() {
    return system("registry", List.of(profile(), order1(), order2(), invoice(), support(), account()));
  }

  static DataItem profile() {
    return new DataItem("contact", "profile", null, fields(
        "name", "Anna Andersson",
        "email", EMAIL,
        "phone", "070-123 45 67",
        "customerNumbers", List.of("K-1001", "K-1002")));
  }

  static DataItem order1() {
    return new DataItem("orders", "order", Instant.parse("2026-03-03T10:15:00Z"), fields(
        "orderId", "10234",
        "lines", List.of(
            fields("sku", "TVL-1", "name", "Tvål", "quantity", 2, "unitPrice", "49.00"),
            fields("sku", "HND-2", "name", "Handduk", "quantity", 1, "unitPrice", "1299.00")),
        "total", "1397.00",
        "currency", "SEK",
        "deliveryNote", "Lämna vid dörren, ring +46 (0)70-123 45 67 om porten är låst"));
  }

  static DataItem order2() {
    return new DataItem("orders", "order", Instant.parse("2025-06-10T07:00:00Z"), fields(
        "orderId", "9876",
        "lines", List.of(fields("sku", "BRS-9", "name", "Borste", "quantity", 3, "unitPrice", "25.50")),
        "total", "76.50",
        "currency", "SEK",
        "deliveryNote", null));
  }

  static DataItem invoice() {
    return new DataItem("invoices", "invoice", Instant.parse("2026-03-03T10:15:00Z"), fields(
        "invoiceNumber", "F-2026-001",
        "invoiceDate", "2026-03-03",
        "amount", "1397.00",
        "vat", "279.40",
        "buyerName", "Anna Andersson",
        "buyerAddress", "Storgatan 1\n123 45 Småstad"));
  }

  static DataItem support() {
    return support("Kunden vill byta handduken <script>alert(1)</script>; order 10234, skrev från " + EMAIL + ".");
  }

  static DataItem support(String summary) {
    return new DataItem("support", "supportContact", Instant.parse("2026-04-01T09:00:00Z"), fields(
        "caseId", "S-77",
        "channel", "email",
        "subject", "Fel storlek",
        "summary", summary));
  }

  static DataItem account() {
    return new DataItem("account", "account", Instant.parse("2024-01-15T12:00:00Z"), fields(
        "accountId", "A-9",
        "created", true,
        "newsletter", false));
  }

  /** The CRM's items: kinds the document has no layout for, with numbers, booleans and nesting. */
  static SystemData crm() {
    return system("crm", List.of(
        new DataItem("contact", "note", Instant.parse("2026-05-05T10:00:00Z"), fields(
            "text", "Föredrar leverans på fredagar",
            "score", 87,
            "ratio", new BigDecimal("0.25"),
            "vip", true,
            "tags", List.of("b2b", "north"),
            "address", fields("street", "Storgatan 1", "zip", "12345"))),
        new DataItem("webUsage", "segment", Instant.parse("2026-06-01T10:00:00Z"), fields(
            "segment", "garden",
            "visits", 12,
            "pages", List.of(fields("path", "/tvål", "seconds", 40), fields("path", "/borste", "seconds", 5))))));
  }

  static SystemData empty(String id) {
    return system(id, List.of());
  }

  static SystemData unavailable(String id) {
    return new SystemData(id, name(id), SystemData.Status.UNAVAILABLE, List.of());
  }

  static SystemData system(String id, List<DataItem> items) {
    return new SystemData(id, name(id), SystemData.Status.ANSWERED, items);
  }

  static Policy.Text name(String systemId) {
    return POLICY.systems().stream().filter(s -> s.id().equals(systemId)).findFirst().orElseThrow().name();
  }

  /** The registry holding {@code n} orders and nothing else. */
  static Extract orders(int n) {
    List<DataItem> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(new DataItem("orders", "order", Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i), fields(
          "orderId", "O-" + i,
          "lines", List.of(fields("sku", "S-" + i, "name", "Vara " + i, "quantity", 1 + i % 3, "unitPrice", "19.90"),
              fields("sku", "T-" + i, "name", "Tillbehör", "quantity", 1, "unitPrice", "5.00")),
          "total", "44.80",
          "currency", "SEK",
          "deliveryNote", "Order " + i)));
    }
    return extract("sv", List.of(system("registry", items)));
  }

  /** An insertion-ordered map that, unlike {@code Map.of}, keeps nulls and the order written. */
  static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
