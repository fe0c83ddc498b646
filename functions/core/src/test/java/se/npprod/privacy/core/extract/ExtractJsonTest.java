package se.npprod.privacy.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.npprod.privacy.core.extract.Extracts.POLICY;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.policy.Policy;

/** The machine-readable copy (Art. 20): every item's fields exactly, and the Art. 15 facts as data. */
class ExtractJsonTest {
  /** Decimals read back as written ("0.25" stays 0.25 with its scale), to compare exactly. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonNode read(String json) throws Exception {
    return MAPPER.readTree(json);
  }

  @Test
  void holdsEveryItemWithItsFieldsExactlyAsTheSystemGaveThem() throws Exception {
    Extract extract = Extracts.sample("sv");

    JsonNode systems = read(ExtractDocument.json(extract, POLICY)).get("systems");

    assertThat(systems).hasSize(extract.systems().size());
    for (int s = 0; s < extract.systems().size(); s++) {
      SystemData system = extract.systems().get(s);
      JsonNode node = systems.get(s);
      assertThat(node.get("id").asText()).isEqualTo(system.systemId());
      assertThat(node.get("name").get("sv").asText()).isEqualTo(system.name().sv());
      assertThat(node.get("name").get("en").asText()).isEqualTo(system.name().en());
      assertThat(node.get("items")).hasSize(system.items().size());
      for (int i = 0; i < system.items().size(); i++) {
        DataItem item = system.items().get(i);
        JsonNode n = node.get("items").get(i);
        assertThat(n.get("category").asText()).isEqualTo(item.category());
        assertThat(n.get("kind").asText()).isEqualTo(item.kind());
        assertThat(n.get("occurredAt").isNull() ? null : n.get("occurredAt").asText())
            .isEqualTo(item.occurredAt() == null ? null : item.occurredAt().toString());
        Map<?, ?> fields = MAPPER.convertValue(n.get("fields"), Map.class);
        assertThat(fields).as(item.kind()).isEqualTo(item.fields());
        assertThat(List.copyOf(fields.keySet())).as("field order").isEqualTo(List.copyOf(item.fields().keySet()));
      }
    }
  }

  @Test
  void keepsNumbersAsNumbersBooleansAsBooleansAndNestingAsNesting() throws Exception {
    JsonNode crm = read(ExtractDocument.json(Extracts.sample("sv"), POLICY)).get("systems").get(1);
    JsonNode note = crm.get("items").get(0).get("fields");

    assertThat(note.get("score").isIntegralNumber()).isTrue();
    assertThat(note.get("ratio").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(note.get("vip").isBoolean()).isTrue();
    assertThat(note.get("tags").isArray()).isTrue();
    assertThat(note.get("address").get("zip").asText()).isEqualTo("12345");
    JsonNode order = read(ExtractDocument.json(Extracts.sample("sv"), POLICY)).get("systems").get(0).get("items").get(1);
    assertThat(order.get("fields").get("lines").get(0).get("quantity").isIntegralNumber()).isTrue();
    assertThat(order.get("fields").get("lines").get(0).get("unitPrice").isTextual()).as("as sent: a string").isTrue();
  }

  @Test
  void namesTheFormatTheControllerTheRequestAndThePerson() throws Exception {
    JsonNode json = read(ExtractDocument.json(Extracts.sample("sv"), POLICY));

    assertThat(json.get("format").asText()).isEqualTo("npprod-register-extract/1").isEqualTo(ExtractDocument.FORMAT);
    assertThat(json.get("controller").get("name").asText()).isEqualTo("NP Produkter");
    assertThat(json.get("controller").get("orgNumber").asText()).isEqualTo("556161-8017");
    assertThat(json.get("controller").get("contactEmail").asText()).isEqualTo("info@npprod.se");
    assertThat(json.get("request").get("caseNumber").asText()).isEqualTo(Extracts.CASE);
    assertThat(json.get("request").get("receivedAt").asText()).isEqualTo("2026-11-20T08:30:00Z");
    assertThat(json.get("request").get("generatedAt").asText()).isEqualTo("2026-11-25T13:05:00Z");
    assertThat(json.get("subject").get("email").asText()).isEqualTo(Extracts.EMAIL);
  }

  @Test
  void saysWhichSystemsAnsweredAndWhichCouldNotBeAsked() throws Exception {
    JsonNode systems = read(ExtractDocument.json(Extracts.sample("sv"), POLICY)).get("systems");

    assertThat(systems.findValuesAsText("status")).containsExactly("answered", "answered", "answered", "unavailable");
  }

  @Test
  void carriesTheArticle15InformationFromThePolicy() throws Exception {
    JsonNode info = read(ExtractDocument.json(Extracts.sample("sv"), POLICY)).get("information");

    assertThat(info.get("purposes")).hasSize(POLICY.purposes().size());
    for (int i = 0; i < POLICY.purposes().size(); i++) {
      Policy.Purpose p = POLICY.purposes().get(i);
      assertThat(info.get("purposes").get(i).get("id").asText()).isEqualTo(p.id());
      assertThat(info.get("purposes").get(i).get("legalBasis").asText()).isEqualTo(p.legalBasis().name());
      assertThat(info.get("purposes").get(i).get("name").get("sv").asText()).isEqualTo(p.name().sv());
    }
    assertThat(info.get("categories").findValuesAsText("id"))
        .containsExactlyElementsOf(POLICY.dataCategories().stream().map(Policy.Entry::id).toList());
    assertThat(info.get("categories").get(0).get("inThisExtract").asBoolean()).as("contact").isTrue();
    assertThat(info.get("recipients").findValuesAsText("role")).contains("processor", "independentController");
    assertThat(info.get("storage").get("afterLastActivity").asText()).isEqualTo("P24M");
    assertThat(info.get("storage").get("bookkeeping").get("years").asInt()).isEqualTo(7);
    assertThat(info.get("storage").get("bookkeeping").get("fields").size()).isEqualTo(6);
    assertThat(info.get("storage").get("text").get("sv").asText()).contains("24 månader");
    assertThat(info.get("storage").get("text").get("en").asText()).contains("24 months");
    assertThat(info.get("rights").get("rights").toString()).contains("rectification", "erasure", "restriction", "objection");
    assertThat(info.get("complaint").get("authority").asText()).contains("IMY");
    assertThat(info.get("source").get("systems").toString()).contains("registry", "crm", "newsletter", "logistics");
    assertThat(info.get("profiling").get("purpose").asText()).isEqualTo("profiling");
    assertThat(info.get("profiling").get("logic").get("sv").asText()).contains("varor");
    assertThat(info.get("portability").get("text").get("en").asText()).contains("Art. 20");
  }

  @Test
  void isTheSameForTheSameExtractAndPolicy() {
    assertThat(ExtractDocument.json(Extracts.sample("sv"), POLICY))
        .isEqualTo(ExtractDocument.json(Extracts.sample("sv"), POLICY));
  }

  @Test
  void streamsTheSameJsonToAWriterAndLeavesItOpen() {
    StringWriter out = new StringWriter();

    ExtractDocument.json(Extracts.sample("en"), POLICY, out);
    out.write("!");

    assertThat(out.toString()).isEqualTo(ExtractDocument.json(Extracts.sample("en"), POLICY) + "!");
  }

  @Test
  void writesFiveThousandOrders() throws Exception {
    Extract extract = Extracts.orders(5_000);

    JsonNode items = read(ExtractDocument.json(extract, POLICY)).get("systems").get(0).get("items");

    assertThat(items).hasSize(5_000);
    assertThat(items.get(4_999).get("fields").get("orderId").asText()).isEqualTo("O-4999");
    assertThat(ExtractDocument.html(extract, POLICY)).contains("Beställning O-4999", "Beställning O-0,");
    assertThat(ExtractDocument.text(extract, POLICY)).contains("Beställning O-4999");
  }

  @Test
  void refusesAValueItCannotWriteWithoutSayingTheValue() {
    Object unknown = new Object() {
      @Override
      public String toString() {
        return "anna@example.se";
      }
    };
    Extract odd = Extracts.extract("sv", List.of(Extracts.system("crm", List.of(
        new DataItem("contact", "note", null, Extracts.fields("x", unknown))))));

    assertThatThrownBy(() -> ExtractDocument.json(odd, POLICY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("anna");
  }
}
