package se.npprod.privacy.core.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import se.npprod.privacy.core.json.JsonErrors;

/** Reads {@code policy/npprod.yaml} and refuses a policy that is incomplete or contradicts itself. */
public final class PolicyLoader {
  public static final String CLASSPATH_LOCATION = "policy/npprod.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private PolicyLoader() {}

  /** The policy bundled with every function. */
  public static Policy fromClasspath() {
    try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
      if (in == null) {
        throw new PolicyException(CLASSPATH_LOCATION, List.of("not found on the classpath"));
      }
      return load(in, CLASSPATH_LOCATION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Policy load(InputStream in, String source) {
    Policy policy;
    try {
      policy = YAML.readValue(in, Policy.class);
    } catch (JsonMappingException e) {
      throw new PolicyException(source, List.of(JsonErrors.fieldPath(e, "(top level)") + ": " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PolicyException(source, List.of("not readable as YAML: " + e.getMessage()));
    }
    if (policy == null) {
      throw new PolicyException(source, List.of("the file is empty"));
    }
    List<String> problems = PolicyValidator.problems(policy);
    if (!problems.isEmpty()) {
      throw new PolicyException(source, problems);
    }
    return policy;
  }
}
