package se.npprod.privacy.core.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.npprod.privacy.core.policy.Policy;

/**
 * The extract as JSON (Art. 20): every item with its fields exactly as the system gave them, and the
 * Art. 15 information as data. Written token by token to the writer, so an extract of thousands of
 * orders never exists twice in memory as a tree.
 */
final class ExtractJson {
  static final String FORMAT = "npprod-register-extract/1";

  private static final JsonFactory FACTORY = new JsonFactory();

  private ExtractJson() {}

  static void write(Extract extract, Policy policy, Writer out) {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      Policy.Controller c = policy.controller();
      json.writeObjectFieldStart("controller");
      json.writeStringField("name", c.name());
      json.writeStringField("orgNumber", c.orgNumber());
      json.writeStringField("contactEmail", c.contactEmail());
      json.writeEndObject();
      json.writeObjectFieldStart("request");
      json.writeStringField("caseNumber", extract.caseNumber());
      instant(json, "receivedAt", extract.requestReceivedAt());
      instant(json, "generatedAt", extract.generatedAt());
      json.writeEndObject();
      json.writeObjectFieldStart("subject");
      json.writeStringField("email", extract.email());
      json.writeEndObject();
      json.writeArrayFieldStart("systems");
      for (SystemData system : extract.systems()) {
        system(json, system);
      }
      json.writeEndArray();
      information(json, extract, policy);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("the extract's JSON could not be written", e);
    }
  }

  private static void system(JsonGenerator json, SystemData system) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", system.systemId());
    text(json, "name", system.name());
    json.writeStringField("status", system.status() == SystemData.Status.ANSWERED ? "answered" : "unavailable");
    json.writeArrayFieldStart("items");
    for (DataItem item : system.items()) {
      json.writeStartObject();
      json.writeStringField("category", item.category());
      json.writeStringField("kind", item.kind());
      instant(json, "occurredAt", item.occurredAt());
      json.writeFieldName("fields");
      value(json, item.fields() == null ? Map.of() : item.fields());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** A field's value, exactly: numbers stay numbers (with their scale), booleans booleans, nesting nesting. */
  static void value(JsonGenerator json, Object v) throws IOException {
    if (v == null) {
      json.writeNull();
    } else if (v instanceof CharSequence s) {
      json.writeString(s.toString());
    } else if (v instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (v instanceof BigDecimal d) {
      json.writeNumber(d);
    } else if (v instanceof BigInteger i) {
      json.writeNumber(i);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      json.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d) {
      json.writeNumber(d);
    } else if (v instanceof Float f) {
      json.writeNumber(f);
    } else if (v instanceof Number n) {
      json.writeNumber(new BigDecimal(n.toString()));
    } else if (v instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        value(json, e.getValue());
      }
      json.writeEndObject();
    } else if (v instanceof Iterable<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        value(json, element);
      }
      json.writeEndArray();
    } else if (v instanceof Object[] array) {
      value(json, List.of(array));
    } else if (v instanceof TemporalAccessor || v instanceof Enum<?> || v instanceof UUID || v instanceof Character) {
      json.writeString(v.toString());
    } else {
      // Only the type is named: the value is somebody's data.
      throw new IllegalArgumentException("a field value of type " + v.getClass().getName() + " cannot be written as JSON");
    }
  }

  private static void information(JsonGenerator json, Extract extract, Policy policy) throws IOException {
    Information sv = new Information(policy, true);
    Information en = new Information(policy, false);
    json.writeObjectFieldStart("information");
    json.writeStringField("policyVersion", policy.version());
    json.writeStringField("policyUrl", policy.controller().policyUrl());

    json.writeArrayFieldStart("purposes");
    for (Policy.Purpose p : policy.purposes()) {
      json.writeStartObject();
      json.writeStringField("id", p.id());
      json.writeStringField("legalBasis", p.legalBasis().name());
      text(json, "name", p.name());
      json.writeEndObject();
    }
    json.writeEndArray();

    List<String> held = ExtractWriter.categoriesHeld(extract, policy);
    json.writeArrayFieldStart("categories");
    for (Policy.Entry c : policy.dataCategories()) {
      json.writeStartObject();
      json.writeStringField("id", c.id());
      text(json, "name", c.name());
      json.writeBooleanField("inThisExtract", held.contains(c.id()));
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("recipients");
    for (Policy.Recipient r : policy.recipients()) {
      json.writeStartObject();
      json.writeStringField("id", r.id());
      json.writeStringField("role", r.role().name());
      text(json, "name", r.name());
      json.writeEndObject();
    }
    json.writeEndArray();

    Policy.Retention r = policy.retention();
    json.writeObjectFieldStart("storage");
    json.writeStringField("afterLastActivity", r.afterLastActivity().toString());
    json.writeStringField("erasureOnRequestWithin", r.erasureDeadline().toString());
    json.writeObjectFieldStart("bookkeeping");
    json.writeNumberField("years", r.bookkeeping().years());
    json.writeStringField("fiscalYearEnd", r.bookkeeping().fiscalYearEnd().toString());
    json.writeArrayFieldStart("fields");
    for (String f : r.bookkeeping().fields()) {
      json.writeString(f);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeStringField("consentProof", policy.consent().proofRetention().toString());
    json.writeStringField("requestRecords", policy.requests().keepClosedFor().toString());
    text(json, "text", String.join("\n\n", sv.storage()), String.join("\n\n", en.storage()));
    json.writeEndObject();

    json.writeObjectFieldStart("rights");
    json.writeArrayFieldStart("rights");
    for (String right : List.of("rectification", "erasure", "restriction", "objection", "portability")) {
      json.writeString(right);
    }
    json.writeEndArray();
    json.writeStringField("contact", policy.controller().contactEmail());
    text(json, "text", sv.rights() + " " + Sink.plain(sv.howToAsk(extract.caseNumber())),
        en.rights() + " " + Sink.plain(en.howToAsk(extract.caseNumber())));
    json.writeEndObject();

    json.writeObjectFieldStart("complaint");
    json.writeStringField("authority", "Integritetsskyddsmyndigheten (IMY)");
    json.writeStringField("url", Information.IMY_URL);
    text(json, "text", Sink.plain(sv.complaint()), Sink.plain(en.complaint()));
    json.writeEndObject();

    json.writeObjectFieldStart("source");
    json.writeArrayFieldStart("systems");
    for (SystemData s : extract.systems()) {
      json.writeString(s.systemId());
    }
    json.writeEndArray();
    text(json, "text", sv.source() + " " + systemNames(extract, policy, true),
        en.source() + " " + systemNames(extract, policy, false));
    json.writeEndObject();

    json.writeFieldName("profiling");
    var profiling = sv.profilingPurpose();
    json.writeStartObject();
    json.writeBooleanField("profiles", profiling.isPresent());
    if (profiling.isPresent()) {
      json.writeStringField("purpose", profiling.get().id());
      json.writeStringField("legalBasis", profiling.get().legalBasis().name());
      text(json, "name", profiling.get().name());
      text(json, "logic", sv.profilingLogic(), en.profilingLogic());
    }
    text(json, "text", paragraphs(sv.profiling()), paragraphs(en.profiling()));
    json.writeEndObject();

    json.writeObjectFieldStart("portability");
    text(json, "text", sv.portability(), en.portability());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static String systemNames(Extract extract, Policy policy, boolean sv) {
    return String.join("; ", extract.systems().stream().map(s -> ExtractWriter.systemName(s, policy, sv)).toList()) + ".";
  }

  private static String paragraphs(List<Object[]> paragraphs) {
    return String.join("\n\n", paragraphs.stream().map(Sink::plain).toList());
  }

  private static void instant(JsonGenerator json, String name, Instant at) throws IOException {
    if (at == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, at.toString());
    }
  }

  private static void text(JsonGenerator json, String name, Policy.Text text) throws IOException {
    if (text == null) {
      json.writeNullField(name);
    } else {
      text(json, name, text.sv(), text.en());
    }
  }

  private static void text(JsonGenerator json, String name, String sv, String en) throws IOException {
    json.writeObjectFieldStart(name);
    json.writeStringField("sv", sv);
    json.writeStringField("en", en);
    json.writeEndObject();
  }
}
