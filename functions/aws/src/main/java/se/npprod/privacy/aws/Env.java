package se.npprod.privacy.aws;

/**
 * Configuration from environment variables set in template.yaml. A JVM system property of the
 * same name stands in where environment variables cannot be set (functions hosted in-process by
 * the local stack).
 */
public final class Env {
  private static final java.util.Set<String> READ = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Env() {}

  /** Every name asked for so far: the template contract test checks template.yaml sets them all. */
  public static java.util.Set<String> namesRead() {
    return java.util.Set.copyOf(READ);
  }

  public static void forgetNamesRead() {
    READ.clear();
  }

  public static String require(String name) {
    READ.add(name);
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
