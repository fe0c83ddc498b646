package se.npprod.privacy.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The folder s3rver keeps its buckets in: one per running emulator, so that a stack started
 * beside the tests' emulators (or a second JVM) never wipes buckets from under another. It starts
 * empty, as a freshly deployed stack's buckets are, and is deleted on close; folders of JVMs that
 * died are swept at the next start.
 */
final class S3Store implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Path directory;

  private S3Store(Path directory) {
    this.directory = directory;
  }

  static S3Store create(Path parent) {
    long me = ProcessHandle.current().pid();
    try {
      Files.createDirectories(parent);
      try (Stream<Path> stores = Files.list(parent)) {
        for (Path store : stores.toList()) {
          if (!ownerAlive(store.getFileName().toString())) {
            delete(store);
          }
        }
      }
      Path directory = parent.resolve(me + "-" + INSTANCES.incrementAndGet());
      delete(directory);
      Files.createDirectories(directory);
      return new S3Store(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare s3rver's folder in " + parent, e);
    }
  }

  Path directory() {
    return directory;
  }

  private static boolean ownerAlive(String name) {
    try {
      long owner = Long.parseLong(name.substring(0, name.indexOf('-')));
      return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    } catch (RuntimeException notOurs) {
      return true; // not a folder this class made: leave it alone
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    try {
      delete(directory);
    } catch (IOException e) {
      // swept at the next start
    }
  }
}
