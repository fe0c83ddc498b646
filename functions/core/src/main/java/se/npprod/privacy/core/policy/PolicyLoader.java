package se.npprod.privacy.core.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import se.npprod.privacy.core.json.JsonErrors;

/**
 * Reads the privacy policy and refuses one that is incomplete or contradicts itself.
 *
 * <p>People edit {@code policy/npprod.yaml}; the build reads and validates it ({@link PolicyCompiler})
 * and bundles it as {@code policy/npprod.json}, which functions read at start-up and validate again.
 * So no YAML parser is loaded, or shipped, in a function: it cost a fifth of a cold start.
 */
public final class PolicyLoader {
  /** Where every function finds its policy. */
  public static final String CLASSPATH_LOCATION = "policy/npprod.json";

  static final ObjectMapper JSON = configure(JsonMapper.builder().build());

  private PolicyLoader() {}

  /** The policy bundled with every function. */
  public static Policy fromClasspath() {
    try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
      if (in == null) {
        throw new PolicyException(CLASSPATH_LOCATION, List.of("not found on the classpath"));
      }
      return read(JSON, in, CLASSPATH_LOCATION, "JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The policy as people write it (YAML), for the build and for tests of broken files. */
  public static Policy fromYaml(InputStream in, String source) {
    return read(Yaml.MAPPER, in, source, "YAML");
  }

  static ObjectMapper configure(ObjectMapper mapper) {
    return mapper.registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  private static Policy read(ObjectMapper mapper, InputStream in, String source, String format) {
    Policy policy;
    try {
      policy = mapper.readValue(in, Policy.class);
    } catch (JsonMappingException e) {
      throw new PolicyException(source, List.of(JsonErrors.fieldPath(e, "(top level)") + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PolicyException(source, List.of("not readable as " + format + ": " + e.getMessage()));
    }
    if (policy == null) {
      throw new PolicyException(source, List.of("the file is empty"));
    }
    PolicyValidator.requireValid(policy, source);
    return policy;
  }

  /** Loaded only when YAML is read: function jars do not carry the YAML parser. */
  private static final class Yaml {
    static final ObjectMapper MAPPER =
        configure(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()));
  }
}
