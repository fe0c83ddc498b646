package se.npprod.privacy.core.extract;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.npprod.privacy.core.policy.Policy;

/**
 * One item as a person reads it: an order as its lines and total, an invoice as its fields, a
 * support contact as its subject and summary, contact details as name, address and phone. Whatever
 * a kind's layout does not show is listed after it under the field's own name: the readable copy
 * leaves out nothing the JSON holds.
 */
final class ItemWriter {
  private static final Set<String> LINE = Set.of("quantity", "name", "unitPrice", "sku");
  private static final List<String> INVOICE = List.of("invoiceNumber", "invoiceDate", "amount", "vat", "buyerName",
      "buyerAddress");
  private static final List<String> SUPPORT = List.of("subject", "summary", "caseId", "channel");
  private static final List<String> CONTACT = List.of("name", "email", "phone", "customerNumbers", "customerNumber");
  private static final Set<String> MONEY = Set.of("total", "amount", "vat", "unitPrice");

  private final Policy policy;
  private final boolean sv;
  private final Sink out;

  ItemWriter(Policy policy, boolean sv, Sink out) {
    this.policy = policy;
    this.sv = sv;
    this.out = out;
  }

  void write(DataItem item) {
    Map<String, Object> fields = item.fields() == null ? Map.of() : item.fields();
    String kind = item.kind() == null ? "" : item.kind();
    switch (kind) {
      case "order" -> order(item, fields);
      case "invoice" -> invoice(item, fields);
      case "supportContact" -> support(item, fields);
      case "profile", "contact" -> contact(item, fields);
      case "account" -> account(item, fields);
      case "marketingImport" -> mailingList(item, fields);
      default -> other(item, fields);
    }
  }

  private void order(DataItem item, Map<String, Object> f) {
    Object id = f.get("orderId");
    out.beginItem((sv ? "Beställning" : "Order") + (id == null ? "" : " " + Words.scalar(id, sv)) + when(item));
    Set<String> shown = new HashSet<>();
    if (id != null) {
      shown.add("orderId");
    }
    if (f.get("lines") instanceof List<?> lines && !lines.isEmpty()) {
      shown.add("lines");
      out.beginList();
      for (Object line : lines) {
        out.li(line instanceof Map<?, ?> m ? line(m, f.get("currency")) : inline(line));
      }
      out.endList();
    }
    out.beginDefs();
    if (f.get("total") != null) {
      out.def(Words.field("total", sv), money(f.get("total"), f.get("currency")));
      shown.add("total");
      if (currency(f.get("currency"))) {
        shown.add("currency");
      }
    }
    if (f.containsKey("deliveryNote")) {
      field("deliveryNote", f.get("deliveryNote"), f);
      shown.add("deliveryNote");
    }
    rest(f, shown);
    out.endDefs();
    out.endItem();
  }

  /** "2 × Tvål à 49,00 SEK (art.nr A-1)": quantity × name à price, then anything else the line holds. */
  private String line(Map<?, ?> line, Object currency) {
    StringBuilder s = new StringBuilder();
    Object quantity = line.get("quantity");
    Object name = line.get("name") != null ? line.get("name") : line.get("sku");
    if (quantity != null) {
      s.append(inline(quantity)).append(" × ");
    }
    s.append(name == null ? (sv ? "(vara utan namn)" : "(unnamed item)") : inline(name));
    if (line.get("unitPrice") != null) {
      s.append(" à ").append(money(line.get("unitPrice"), currency));
    }
    if (line.get("name") != null && line.get("sku") != null) {
      s.append(sv ? " (art.nr " : " (art. no. ").append(inline(line.get("sku"))).append(')');
    }
    for (Map.Entry<?, ?> e : line.entrySet()) {
      // A known part with no value was not shown above, so it is listed like any other.
      if (!LINE.contains(String.valueOf(e.getKey())) || e.getValue() == null) {
        s.append("; ").append(Words.field(String.valueOf(e.getKey()), sv)).append(": ").append(inline(e.getValue()));
      }
    }
    return s.toString();
  }

  private void invoice(DataItem item, Map<String, Object> f) {
    Object number = f.get("invoiceNumber");
    Object date = f.get("invoiceDate");
    String on = Words.parseDate(date).map(d -> ", " + Words.date(d, sv)).orElse(when(item));
    out.beginItem((sv ? "Faktura" : "Invoice") + (number == null ? "" : " " + Words.scalar(number, sv)) + on);
    out.beginDefs();
    for (String key : INVOICE) {
      if (f.containsKey(key)) {
        field(key, f.get(key), f);
      }
    }
    rest(f, Set.copyOf(INVOICE));
    ExtractWriter.keptThrough(date, policy).ifPresent(d -> out.def(
        sv ? "Sparas enligt bokföringslagen till och med" : "Kept under the Bookkeeping Act through", Words.date(d, sv)));
    out.endDefs();
    out.endItem();
  }

  private void support(DataItem item, Map<String, Object> f) {
    String title = sv ? "Kontakt med kundtjänst" : "Contact with customer service";
    out.beginItem(title + when(item));
    out.beginDefs();
    for (String key : SUPPORT) {
      if (f.containsKey(key)) {
        field(key, f.get(key), f);
      }
    }
    rest(f, Set.copyOf(SUPPORT));
    out.endDefs();
    out.endItem();
  }

  private void contact(DataItem item, Map<String, Object> f) {
    out.beginItem((sv ? "Kontaktuppgifter" : "Contact details") + when(item));
    out.beginDefs();
    for (String key : CONTACT) {
      if (f.containsKey(key)) {
        field(key, f.get(key), f);
      }
    }
    rest(f, Set.copyOf(CONTACT));
    out.endDefs();
    out.endItem();
  }

  private void account(DataItem item, Map<String, Object> f) {
    Object id = f.get("accountId");
    out.beginItem((sv ? "Konto" : "Account") + (id == null ? "" : " " + Words.scalar(id, sv)) + when(item));
    out.beginDefs();
    rest(f, Set.of("accountId"));
    out.endDefs();
    out.endItem();
  }

  /** A contact imported to a mailing list: the list, and whether and when the person consented. */
  private void mailingList(DataItem item, Map<String, Object> f) {
    Object list = f.get("list");
    out.beginItem((sv ? "Utskickslista" : "Mailing list") + (list == null ? "" : " " + Words.scalar(list, sv)) + when(item));
    out.beginDefs();
    Set<String> shown = new HashSet<>(Set.of("list"));
    if (f.containsKey("consent")) {
      field("consent", f.get("consent"), f);
      shown.add("consent");
    }
    if (f.get("consentedAt") instanceof String at && instant(at).isPresent()) {
      out.def(Words.field("consentedAt", sv), Words.date(instant(at).get(), policy.timezone(), sv));
      shown.add("consentedAt");
    }
    rest(f, shown);
    out.endDefs();
    out.endItem();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void other(DataItem item, Map<String, Object> f) {
    String kind = item.kind() == null || item.kind().isBlank() ? "" : " (" + item.kind() + ")";
    out.beginItem((sv ? "Uppgift" : "Item") + kind + when(item));
    out.beginDefs();
    rest(f, Set.of());
    if (f.isEmpty()) {
      out.def(sv ? "Fält" : "Fields", sv ? "(inga)" : "(none)");
    }
    out.endDefs();
    out.endItem();
  }

  private String when(DataItem item) {
    return item.occurredAt() == null ? "" : ", " + Words.date(item.occurredAt(), policy.timezone(), sv);
  }

  /** The fields not yet shown, in the system's order. */
  private void rest(Map<String, Object> f, Set<String> shown) {
    for (Map.Entry<String, Object> e : f.entrySet()) {
      if (!shown.contains(e.getKey())) {
        field(e.getKey(), e.getValue(), f);
      }
    }
  }

  /** One field as a term and its description; nested maps and lists stay nested. */
  private void field(String key, Object value, Map<String, Object> item) {
    String label = Words.field(key, sv);
    if (MONEY.contains(key) && !(value instanceof Map) && !(value instanceof List)) {
      out.def(label, money(value, item.get("currency")));
    } else if ("invoiceDate".equals(key) && Words.parseDate(value).isPresent()) {
      out.def(label, Words.date(Words.parseDate(value).get(), sv));
    } else {
      describe(label, value);
    }
  }

  private void describe(String label, Object value) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.beginDef(label);
      out.beginDefs();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        describe(Words.field(String.valueOf(e.getKey()), sv), e.getValue());
      }
      out.endDefs();
      out.endDef();
    } else if (value instanceof List<?> list && !list.isEmpty() && !list.stream().allMatch(ItemWriter::scalar)) {
      out.beginDef(label);
      out.beginList();
      for (Object element : list) {
        if (element instanceof Map<?, ?> m && !m.isEmpty() && !m.values().stream().allMatch(ItemWriter::scalar)) {
          out.beginLi((Object) "");
          out.beginDefs();
          for (Map.Entry<?, ?> e : m.entrySet()) {
            describe(Words.field(String.valueOf(e.getKey()), sv), e.getValue());
          }
          out.endDefs();
          out.endLi();
        } else {
          out.li(inline(element));
        }
      }
      out.endList();
      out.endDef();
    } else {
      out.def(label, inline(value));
    }
  }

  private static boolean scalar(Object v) {
    return !(v instanceof Map) && !(v instanceof List);
  }

  /** A value on one line: scalars as they are, short maps as "key: value; ...", lists joined by commas. */
  private String inline(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return sv ? "(tomt)" : "(empty)";
      }
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(Words.field(String.valueOf(k), sv) + ": " + inline(v)));
      return String.join("; ", parts);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return sv ? "(inga)" : "(none)";
      }
      return String.join(", ", list.stream().map(this::inline).toList());
    }
    return Words.scalar(value, sv);
  }

  private String money(Object amount, Object currency) {
    String a = Words.amount(amount, sv);
    return currency(currency) && amount != null ? a + " " + currency : a;
  }

  private static boolean currency(Object currency) {
    return currency instanceof String c && !c.isBlank();
  }
}
