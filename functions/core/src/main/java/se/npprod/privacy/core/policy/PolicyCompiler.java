package se.npprod.privacy.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: reads {@code policy/npprod.yaml}, refuses a broken policy (failing the build with
 * every bad field named) and writes the JSON that functions load at start-up.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** {@code PolicyCompiler <policy.yaml> <policy.json>} */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PolicyCompiler <policy.yaml> <policy.json>");
    }
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    Policy policy;
    try (InputStream in = Files.newInputStream(source)) {
      policy = PolicyLoader.fromYaml(in, source.getFileName().toString());
    }
    Files.createDirectories(target.getParent());
    Files.write(target, PolicyLoader.JSON.writeValueAsBytes(policy));
  }
}
