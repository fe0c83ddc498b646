package se.npprod.privacy.local.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A process (an emulator, a function's JVM) that cannot outlive the JVM that started it. A small
 * shell watchdog runs it, writes its PID file and kills it as soon as this JVM is gone, even after
 * {@code kill -9}; PID files left by a dead JVM are swept at the next start.
 */
public final class GuardedProcess implements AutoCloseable {
  // env -u: the child gets the environment it was given, not the watchdog's own variables nor
  // the ones bash adds (SHLVL, PWD, _). env execs the command, so $! is the command's PID.
  private static final String WATCHDOG = String.join("; ",
      "/usr/bin/env -u GUARD_PARENT -u GUARD_PIDFILE -u SHLVL -u PWD -u _ \"$@\" & child=$!",
      "echo $child > \"$GUARD_PIDFILE\"",
      "trap 'kill $child 2>/dev/null; exit 0' TERM INT",
      "while kill -0 $GUARD_PARENT 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done",
      "kill $child 2>/dev/null; exit 0");

  private final String name;
  private final Process watchdog;
  private final Path pidFile;

  private GuardedProcess(String name, Process watchdog, Path pidFile) {
    this.name = name;
    this.watchdog = watchdog;
    this.pidFile = pidFile;
  }

  static GuardedProcess start(String name, List<String> command, Path stateDir, int port, Duration timeout) {
    return start(name, command, stateDir, port, timeout, ProcessHandle.current().pid());
  }

  /** @param owner the process whose death ends the emulator (this JVM, except in tests) */
  static GuardedProcess start(
      String name, List<String> command, Path stateDir, int port, Duration timeout, long owner) {
    try {
      Files.createDirectories(stateDir);
      long me = owner;
      Path pidFile = stateDir.resolve(name + "-" + me + ".pid");
      List<String> argv = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "guard"));
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv)
          .redirectErrorStream(true)
          .redirectOutput(stateDir.resolve(name + "-" + me + ".log").toFile());
      pb.environment().put("GUARD_PARENT", Long.toString(owner));
      pb.environment().put("GUARD_PIDFILE", pidFile.toString());
      GuardedProcess process = new GuardedProcess(name, pb.start(), pidFile);
      process.awaitPort(port, timeout);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /**
   * Starts {@code command} with exactly {@code environment} in {@code workDir}, guarded like an
   * emulator; its stdout and stderr go line by line to {@code output}.
   */
  public static GuardedProcess start(String name, List<String> command, Map<String, String> environment,
      Path workDir, Path stateDir, Consumer<String> output) {
    try {
      Files.createDirectories(stateDir);
      long owner = ProcessHandle.current().pid();
      Path pidFile = stateDir.resolve(name + "-" + owner + ".pid");
      List<String> argv = new ArrayList<>(List.of("bash", "-c", WATCHDOG, "guard"));
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(environment);
      pb.environment().put("GUARD_PARENT", Long.toString(owner));
      pb.environment().put("GUARD_PIDFILE", pidFile.toString());
      Process watchdog = pb.start();
      Thread pump = new Thread(() -> pump(watchdog, output), name + "-output");
      pump.setDaemon(true);
      pump.start();
      return new GuardedProcess(name, watchdog, pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  private static void pump(Process watchdog, Consumer<String> output) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.accept(line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  /** Kills processes whose starting JVM has died, as recorded in their PID files. */
  public static void sweepOrphans(Path stateDir) {
    if (!Files.isDirectory(stateDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(stateDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pid") || f.toString().endsWith(".log")).toList()) {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf('.'));
        long owner = Long.parseLong(base.substring(base.lastIndexOf('-') + 1));
        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (name.endsWith(".pid")) {
          readPid(file).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
        Files.deleteIfExists(file);
      }
    } catch (IOException | NumberFormatException e) {
      // A sweep is best effort; the watchdogs are the main guard.
    }
  }

  private static Optional<Long> readPid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The guarded process itself, once the watchdog has recorded its PID. */
  public Optional<ProcessHandle> child() {
    return readPid(pidFile).flatMap(ProcessHandle::of);
  }

  /** Completes when the watchdog has ended, which it does as soon as the guarded process ends. */
  public java.util.concurrent.CompletableFuture<Process> onExit() {
    return watchdog.onExit();
  }

  /** Whether the watchdog, and so the guarded process, still runs. */
  public boolean isAlive() {
    return watchdog.isAlive();
  }

  /** Stops it at once, as Lambda ends an execution environment that ran out of time. */
  public void kill() {
    child().ifPresent(ProcessHandle::destroyForcibly);
    stop(false);
  }

  private void awaitPort(int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!watchdog.isAlive()) {
        throw new IllegalStateException(name + " exited before listening; see its log in " + pidFile.getParent());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    stop(true);
    throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
  }

  @Override
  public void close() {
    stop(false);
  }

  /** Stops the emulator and its watchdog; a failed start keeps the log for reading. */
  private void stop(boolean keepLog) {
    Optional<ProcessHandle> child = child();
    child.ifPresent(ProcessHandle::destroy);
    watchdog.destroy();
    try {
      if (child.isPresent() && !child.get().onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS)
          .thenApply(exited -> exited != null).join()) {
        child.get().destroyForcibly();
      }
      watchdog.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(pidFile);
      if (!keepLog) {
        Files.deleteIfExists(Path.of(pidFile.toString().replace(".pid", ".log")));
      }
    } catch (IOException e) {
      // the next sweep removes it
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
