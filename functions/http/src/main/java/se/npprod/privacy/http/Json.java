package se.npprod.privacy.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Wire JSON with Jackson's streaming API only. A function's few wire types are written and read
 * field by field: the first databind mapper alone cost about a fifth of a cold start (some 750
 * classes, then reflection over every bound type), for JSON this small and fixed.
 */
public final class Json {
  public static final JsonFactory FACTORY = new JsonFactory();

  /** Writes one JSON value. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private Json() {}

  public static String write(Writer writer) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writer.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A string field, or a JSON null as databind wrote it: the wire format keeps its nulls. */
  public static void field(JsonGenerator json, String name, String value) throws IOException {
    json.writeStringField(name, value);
  }

  /** An ISO-8601 instant ({@code 2026-01-31T12:00:00.123456Z}), or null. */
  public static void field(JsonGenerator json, String name, java.time.Instant value) throws IOException {
    json.writeStringField(name, value == null ? null : value.toString());
  }
}
