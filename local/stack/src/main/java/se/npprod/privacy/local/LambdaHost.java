package se.npprod.privacy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.GuardedProcess;

/**
 * What the Lambda service provides to every execution environment on this machine: the Java
 * runtime (the Runtime Interface Client the build copies to local/stack/target/lambda-runtime),
 * the container credentials endpoint, the SDK endpoint overrides that lead to the emulators, and
 * the function's code laid out as a task root.
 */
final class LambdaHost implements AutoCloseable {
  private final Path repoRoot;
  private final Path runtimeDir;
  private final Path stateDir;
  /** This host's task roots: under its JVM's PID (for the sweep), one folder per host in that JVM. */
  private final Path tasks;
  private final Map<String, String> endpointUrls;
  private final ContainerCredentials credentials;

  private LambdaHost(Path repoRoot, Map<String, String> endpointUrls, ContainerCredentials credentials) {
    this.repoRoot = repoRoot;
    this.runtimeDir = repoRoot.resolve("local/stack/target/lambda-runtime");
    this.stateDir = repoRoot.resolve(".local/functions");
    this.tasks = stateDir.resolve("tasks").resolve(Long.toString(ProcessHandle.current().pid()))
        .resolve(java.util.UUID.randomUUID().toString().substring(0, 8));
    this.endpointUrls = Map.copyOf(endpointUrls);
    this.credentials = credentials;
  }

  /** @param endpointUrls the {@code AWS_ENDPOINT_URL_*} variables (none when no emulator is needed) */
  static LambdaHost start(Path repoRoot, Map<String, String> endpointUrls) {
    if (!Files.isDirectory(repoRoot.resolve("local/stack/target/lambda-runtime/lib"))) {
      throw new IllegalStateException("no Lambda runtime in local/stack/target/lambda-runtime: run `mvn -B verify`");
    }
    try {
      LambdaHost host = new LambdaHost(repoRoot, endpointUrls, new ContainerCredentials());
      GuardedProcess.sweepOrphans(host.stateDir);
      host.sweepTaskRoots();
      return host;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> endpointUrls() {
    return endpointUrls;
  }

  ContainerCredentials credentials() {
    return credentials;
  }

  Path runtimeDir() {
    return runtimeDir;
  }

  Path stateDir() {
    return stateDir;
  }

  /** The Runtime Interface Client and its dependencies: the JVM's classpath; the function is not on it. */
  String runtimeClasspath() {
    try (Stream<Path> jars = Files.list(runtimeDir.resolve("lib"))) {
      return String.join(File.pathSeparator, jars.map(Path::toString).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The client's JNI library for this machine. Left to itself the client copies it to one fixed
   * file in /tmp at every start, which JVMs starting together would overwrite under each other.
   */
  Path jniLibrary() {
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
    return runtimeDir.resolve("jni/libaws-lambda-jni.linux-" + arch + ".so");
  }

  /** The function's deployment package as a file: CodeUri itself if it names a jar, else its module's lambda jar. */
  Path code(Template.Function function) {
    Path codeUri = repoRoot.resolve(function.codeUri()).normalize();
    if (codeUri.toString().endsWith(".jar")) {
      if (!Files.isRegularFile(codeUri)) {
        throw new IllegalStateException("no " + codeUri + " (CodeUri of " + function.logicalId() + "): run `mvn -B verify`");
      }
      return codeUri;
    }
    if (!Files.exists(codeUri.resolve("pom.xml"))) {
      return codeUri; // a folder of classes: an unpacked deployment package
    }
    Path target = codeUri.resolve("target");
    try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
      return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no deployable jar (*-lambda.jar) in " + target
              + ": run `mvn -B verify`"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The folder the runtime loads the function from (LAMBDA_TASK_ROOT, its working directory). On
   * Lambda the jar is unpacked into /var/task; the runtime also loads every jar in the task root's
   * lib/, so linking the jar there gives the same class loading without unpacking it.
   */
  Path taskRoot(Template.Function function) {
    Path code = code(function);
    if (Files.isDirectory(code)) {
      return code;
    }
    Path root = tasks.resolve(function.logicalId());
    try {
      Path lib = Files.createDirectories(root.resolve("lib"));
      Path link = lib.resolve(code.getFileName());
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, code.toAbsolutePath());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Task roots of stacks whose JVM has died. */
  private void sweepTaskRoots() throws IOException {
    Path tasks = stateDir.resolve("tasks");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (Stream<Path> owners = Files.list(tasks)) {
      for (Path owner : owners.toList()) {
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(owner.getFileName().toString())).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
          continue;
        }
        if (!alive) {
          delete(owner);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    credentials.close();
    try {
      if (Files.isDirectory(tasks)) {
        delete(tasks);
      }
    } catch (IOException e) {
      // swept at the next start
    }
  }
}
