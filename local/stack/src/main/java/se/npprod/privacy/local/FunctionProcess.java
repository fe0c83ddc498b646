package se.npprod.privacy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Endpoints;
import se.npprod.privacy.local.emulators.GuardedProcess;

/**
 * One execution environment's JVM: the function's code under the AWS Lambda Java Runtime
 * Interface Client, talking to its own {@link RuntimeApi}, with exactly the environment Lambda
 * would give it and nothing of this JVM's. Guarded like the emulators: it cannot outlive the stack.
 */
final class FunctionProcess implements AutoCloseable {
  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final GuardedProcess process;
  private final long startedNanos;

  private FunctionProcess(GuardedProcess process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
  }

  /** Starts the JVM; its output goes to {@code log} line by line. */
  static FunctionProcess start(LambdaHost host, Template.Function function, Map<String, String> templateEnvironment,
      RuntimeApi api, Consumer<String> log) {
    Path taskRoot = host.taskRoot(function);
    return launch(function.logicalId(), host, function, environment(host, function, templateEnvironment, api, taskRoot),
        taskRoot, List.of("-cp", host.runtimeClasspath(), RUNTIME_MAIN, function.handler()), log);
  }

  /**
   * The yardstick for a cold start ({@link ColdStartFloor}): the same JVM with the same options,
   * environment and jar, that only builds the DynamoDB client and writes one item. No runtime
   * client, no handler.
   */
  static FunctionProcess startFloor(LambdaHost host, Template.Function function,
      Map<String, String> templateEnvironment, RuntimeApi api, Path floorClasses, Consumer<String> log) {
    Path taskRoot = host.taskRoot(function);
    String classpath = host.code(function) + java.io.File.pathSeparator + floorClasses;
    return launch(function.logicalId() + "-floor", host, function,
        environment(host, function, templateEnvironment, api, taskRoot), taskRoot,
        List.of("-cp", classpath, ColdStartFloor.class.getName()), log);
  }

  private static FunctionProcess launch(String label, LambdaHost host, Template.Function function,
      Map<String, String> env, Path taskRoot, List<String> mainAndArguments, Consumer<String> log) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Close to the java21 runtime's own launch: heap at 85% of the configured memory, serial GC.
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(),
        "-XX:MaxHeapSize=" + function.memorySize() * 85 / 100 + "m",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-Djava.net.preferIPv4Stack=true",
        "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + host.jniLibrary()));
    command.addAll(mainAndArguments);
    String name = label + "-" + INSTANCES.incrementAndGet();
    long started = System.nanoTime();
    GuardedProcess process = GuardedProcess.start(name, command, env, taskRoot, host.stateDir(), log);
    return new FunctionProcess(process, started);
  }

  /**
   * The whole environment of the JVM: the template's variables for this function, what Lambda
   * itself sets, the endpoint overrides to the emulators, and container credentials. No access
   * keys: with SnapStart, Lambda gives none.
   */
  static Map<String, String> environment(LambdaHost host, Template.Function function,
      Map<String, String> templateEnvironment, RuntimeApi api, Path taskRoot) {
    Map<String, String> env = new LinkedHashMap<>(templateEnvironment);
    env.put("AWS_REGION", Endpoints.REGION);
    env.put("AWS_DEFAULT_REGION", Endpoints.REGION);
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
        + "/[$LATEST]" + HexFormat.of().formatHex(randomBytes(16)));
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_RUNTIME_API", api.address());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", host.runtimeDir().toString());
    env.put("_HANDLER", function.handler());
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/local/bin:/usr/bin:/bin");
    env.putAll(host.endpointUrls());
    env.putAll(host.credentials().environmentForNewEnvironment());
    return env;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** Completes soon after the JVM has ended, however it ended. */
  java.util.concurrent.CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Nanoseconds (System.nanoTime) when the JVM was launched. */
  long startedNanos() {
    return startedNanos;
  }

  Optional<ProcessHandle> handle() {
    return process.child();
  }

  /** CPU time the JVM has used so far. */
  Optional<Duration> cpu() {
    return handle().flatMap(h -> h.info().totalCpuDuration());
  }

  /** Peak resident set size in kB (VmHWM), readable only while the JVM runs. */
  OptionalLong peakRssKb() {
    Optional<ProcessHandle> handle = handle();
    if (handle.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.get().pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or already gone
    }
    return OptionalLong.empty();
  }

  /** Ends it at once, as Lambda ends an environment whose invocation ran out of time. */
  void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }
}
