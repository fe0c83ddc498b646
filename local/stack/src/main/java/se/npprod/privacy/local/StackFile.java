package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * .local/stack.json: where the running local stack listens (its ports are free ones, chosen at
 * start), so that commands such as {@code ./dev put-event} and {@code ./dev run-schedule} find it.
 * Written by {@code ./dev start} only, never into the repository by tests, and removed when that
 * stack stops.
 */
final class StackFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StackFile() {}

  static Path path(Path repoRoot) {
    return repoRoot.resolve(".local").resolve("stack.json");
  }

  static void write(Path repoRoot, LocalStack stack) {
    var endpoints = stack.cloud().emulators().endpoints();
    ObjectNode file = JSON.createObjectNode();
    file.put("pid", ProcessHandle.current().pid());
    file.put("baseUrl", stack.baseUrl());
    file.put("eventBridge", stack.eventBusUrl());
    file.put("scheduler", stack.scheduleControlUrl());
    file.put("dynamoDb", endpoints.dynamoDb().toString());
    file.put("sqs", endpoints.sqs().toString());
    file.put("ses", endpoints.ses().toString());
    try {
      Files.createDirectories(path(repoRoot).getParent());
      Files.write(path(repoRoot), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the file if this JVM's stack wrote it (a second stack may have written its own since). */
  static void delete(Path repoRoot) {
    read(repoRoot).filter(f -> f.path("pid").asLong() == ProcessHandle.current().pid()).ifPresent(f -> {
      try {
        Files.deleteIfExists(path(repoRoot));
      } catch (IOException e) {
        // a stale file is recognised by its pid
      }
    });
  }

  /** The file of a stack that is still running, if there is one. */
  static Optional<JsonNode> running(Path repoRoot) {
    return read(repoRoot).filter(f -> ProcessHandle.of(f.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false));
  }

  private static Optional<JsonNode> read(Path repoRoot) {
    Path file = path(repoRoot);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
