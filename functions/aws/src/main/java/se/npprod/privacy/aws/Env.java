package se.npprod.privacy.aws;

/**
 * Configuration from environment variables set in template.yaml. A JVM system property of the
 * same name stands in where environment variables cannot be set (functions hosted in-process by
 * the local stack).
 */
public final class Env {
  private Env() {}

  public static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set (see template.yaml)");
    }
    return value;
  }
}
