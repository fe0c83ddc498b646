package se.npprod.privacy.aws;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration from environment variables set in template.yaml (or by Lambda itself). A JVM
 * system property of the same name stands in where environment variables cannot be set: handler
 * tests that construct a function in the test JVM.
 */
public final class Env {
  private static final Set<String> READ = ConcurrentHashMap.newKeySet();

  private Env() {}

  /** Every name asked for so far: the template contract test checks template.yaml sets them all. */
  public static Set<String> namesRead() {
    return Set.copyOf(READ);
  }

  public static void forgetNamesRead() {
    READ.clear();
  }

  public static String require(String name) {
    return optional(name).orElseThrow(() ->
        new IllegalStateException("environment variable " + name + " is not set (see template.yaml)"));
  }

  /**
   * A setting the AWS SDK itself reads (an endpoint override), looked up as the SDK looks it up:
   * the system property first, then the environment variable. Not recorded among
   * {@link #namesRead()}: the template never sets these; the local stack does.
   */
  public static Optional<String> sdkSetting(String systemProperty, String environmentVariable) {
    String value = System.getProperty(systemProperty);
    if (value == null || value.isBlank()) {
      value = System.getenv(environmentVariable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public static Optional<String> optional(String name) {
    READ.add(name);
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
