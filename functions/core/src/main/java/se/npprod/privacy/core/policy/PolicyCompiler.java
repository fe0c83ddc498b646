package se.npprod.privacy.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: reads {@code policy/npprod.yaml}, refuses a broken policy (failing the build with
 * every bad field named) and writes either the JSON bundled with every function (readable, and what
 * {@link PolicyLoader#fromClasspath()} reads) or the Java class functions construct it from at
 * start-up (see {@link PolicySource}).
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /**
   * {@code PolicyCompiler <policy.yaml> <policy.json>}, {@code PolicyCompiler <policy.yaml> <page.html>}
   * (the privacy page, {@link PrivacyPage}), or
   * {@code PolicyCompiler <policy.yaml> <source root> <package.ClassName>}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 5 || args.length == 4) {
      throw new IllegalArgumentException(
          "usage: PolicyCompiler <policy.yaml> (<policy.json> | <source root> <package.ClassName>)");
    }
    Path source = Path.of(args[0]);
    Policy policy;
    try (InputStream in = Files.newInputStream(source)) {
      policy = PolicyLoader.fromYaml(in, source.getFileName().toString());
    }
    if (args.length == 5) {
      // <policy.yaml> <source root> <package.ClassName> <web dir> <package-lock.json>: the consent interface
      int dot = args[2].lastIndexOf('.');
      Path file = Path.of(args[1]).resolve(args[2].substring(0, dot).replace('.', '/'))
          .resolve(args[2].substring(dot + 1) + ".java");
      String java = InterfaceSource.of(Path.of(args[3]), Path.of(args[4]),
          se.npprod.privacy.core.consent.BannerConfig.of(policy.consent().banner()).sha256(),
          args[2].substring(0, dot), args[2].substring(dot + 1));
      write(file, java.getBytes(StandardCharsets.UTF_8));
    } else if (args.length == 2 && args[1].endsWith(".html")) {
      write(Path.of(args[1]), PrivacyPage.of(policy).getBytes(StandardCharsets.UTF_8));
    } else if (args.length == 2) {
      write(Path.of(args[1]), PolicyLoader.JSON.writeValueAsBytes(policy));
    } else {
      int dot = args[2].lastIndexOf('.');
      String packageName = args[2].substring(0, dot);
      String className = args[2].substring(dot + 1);
      Path file = Path.of(args[1]).resolve(packageName.replace('.', '/')).resolve(className + ".java");
      String java = PolicySource.of(policy, "policy/" + source.getFileName(), packageName, className);
      write(file, java.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void write(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(target, content);
  }
}
