package se.npprod.privacy.local.testfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a test function records what it got: RECORD_TO, relative to its task root, one line per record. */
final class Recording {
  private Recording() {}

  static synchronized void append(String line) {
    Path file = Path.of(System.getenv("LAMBDA_TASK_ROOT")).resolve(System.getenv("RECORD_TO"));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
