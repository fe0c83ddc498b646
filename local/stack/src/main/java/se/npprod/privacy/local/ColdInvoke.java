package se.npprod.privacy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * Like {@code sam local invoke -e}: one cold start of a function as Lambda runs it (its
 * deployable jar in a fresh JVM under the Runtime Interface Client, fed one event through a
 * Runtime API of its own), measured: JVM start to init done (its first {@code /next}), to the
 * response, and the JVM's CPU time and peak RSS read before it is stopped.
 */
final class ColdInvoke {
  private static final Duration INIT_LIMIT = Duration.ofSeconds(60);

  /** The function's payload (or its error as {@code errorType: message}), and the figures. */
  record Result(boolean succeeded, String response, long initMillis, long invokeMillis, long totalMillis,
      Duration cpu, long peakRssKb, Path code, long codeBytes) {
    String timings() {
      return String.format("cold start under the RIC: init %d ms (JVM start to first /next), first invoke %d ms,"
          + " JVM start to response %d ms; JVM CPU %d ms, peak RSS %.0f MB",
          initMillis, invokeMillis, totalMillis, cpu.toMillis(), peakRssKb / 1024.0);
    }
  }

  /** The yardstick's figures: JVM start to its one write done, its CPU time and peak RSS. */
  record Floor(long totalMillis, Duration cpu, long peakRssKb) {}

  private ColdInvoke() {}

  /**
   * {@link ColdStartFloor} once, in a fresh JVM launched exactly as the function's: the same
   * options, environment and jar. Its figures are read when it says its write is done, as the
   * function's are read when its response arrives.
   */
  static Floor floor(LambdaHost host, Template.Function function, Map<String, String> templateEnvironment,
      Path floorClasses) throws IOException {
    java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
    String prefix = "[" + function.logicalId() + " floor] ";
    try (RuntimeApi api = new RuntimeApi(function.logicalId());
         FunctionProcess process = FunctionProcess.startFloor(host, function, templateEnvironment, api, floorClasses,
             line -> {
               if (line.equals(ColdStartFloor.DONE)) {
                 done.complete(System.nanoTime());
               } else {
                 System.err.println(prefix + line);
               }
             })) {
      process.onExit().thenRun(() -> done.completeExceptionally(new IllegalStateException("the floor JVM exited early")));
      long end = done.get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
      Duration cpu = process.cpu().orElse(Duration.ZERO);
      long rss = process.peakRssKb().orElse(0);
      return new Floor((end - process.startedNanos()) / 1_000_000, cpu, rss);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the cold-start floor did not finish: " + e.getMessage(), e);
    }
  }

  /** The function of template.yaml, against the emulators of {@code cloud}. */
  static Result run(LocalCloud cloud, String functionId, Path eventFile) throws IOException {
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals(functionId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function " + functionId + " in template.yaml"));
    try (LambdaHost host = LambdaHost.start(RepoRoot.find(), cloud.emulators().endpoints().endpointUrls())) {
      return run(host, function, cloud.templateEnvironment(function), Files.readAllBytes(eventFile));
    }
  }

  static Result run(LambdaHost host, Template.Function function, Map<String, String> templateEnvironment, byte[] event)
      throws IOException {
    Path code = host.code(function);
    long codeBytes = Files.isRegularFile(code) ? Files.size(code) : 0;
    String prefix = "[" + function.logicalId() + "] ";
    try (RuntimeApi api = new RuntimeApi(function.logicalId());
         FunctionProcess process = FunctionProcess.start(host, function, templateEnvironment, api,
             line -> System.err.println(prefix + line))) {
      process.onExit().thenRun(() -> api.abandon("Runtime.ExitError", "the function's JVM exited"));
      long start = process.startedNanos();
      Outcome outcome;
      long initDone = start;
      try {
        api.initialised().get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        initDone = System.nanoTime();
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        outcome = api.invoke(event, timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        outcome = new Outcome.Failure("Runtime.InitError", e.getCause().getMessage());
      } catch (TimeoutException e) {
        outcome = new Outcome.Failure("Sandbox.Timedout", "no answer within the time allowed");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = new Outcome.Failure("Runtime.Unavailable", "interrupted");
      }
      long end = System.nanoTime();
      Duration cpu = process.cpu().orElse(Duration.ZERO);
      long rss = process.peakRssKb().orElse(0);
      boolean ok = outcome instanceof Outcome.Response;
      String response = ok ? new String(((Outcome.Response) outcome).payload(), java.nio.charset.StandardCharsets.UTF_8)
          : ((Outcome.Failure) outcome).errorType() + ": " + ((Outcome.Failure) outcome).errorMessage();
      return new Result(ok, response, (initDone - start) / 1_000_000, (end - initDone) / 1_000_000,
          (end - start) / 1_000_000, cpu, rss, code, codeBytes);
    }
  }
}
