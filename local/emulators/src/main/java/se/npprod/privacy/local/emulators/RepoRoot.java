package se.npprod.privacy.local.emulators;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's top folder: from {@code repo.root}, else upwards from the working dir. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    String configured = System.getProperty("repo.root");
    if (configured != null && !configured.isBlank() && Files.exists(Path.of(configured, "template.yaml"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (template.yaml); set -Drepo.root");
  }
}
