package se.npprod.privacy.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;

/**
 * Like {@code sam local invoke -e}: runs a function's deployable jar once, in a fresh JVM, with the
 * environment template.yaml gives it, against the emulators. Used for cold-start timing.
 */
final class ColdInvoke {
  /** What the child JVM printed, and how long it ran. */
  record Result(int exitCode, String response, String timings, String log, long wallMillis, Path jar, long jarBytes) {}

  private ColdInvoke() {}

  static Result run(LocalCloud cloud, Path root, String functionId, Path eventFile)
      throws IOException, InterruptedException {
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals(functionId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function " + functionId + " in template.yaml"));
    Path jar = root.resolve(function.codeUri());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": run `mvn -DskipTests package` first");
    }
    List<String> classpath = new ArrayList<>(List.of(jar.toString(),
        root.resolve("local/stack/target/classes").toString(),
        root.resolve("local/emulators/target/classes").toString()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("aws-lambda-java-serialization")) {
        classpath.add(entry);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classpath),
        OneShot.class.getName(), functionId, function.handlerClass(), eventFile.toAbsolutePath().toString());
    pb.environment().putAll(cloud.environment(function));
    long start = System.nanoTime();
    Process process = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    int exit = process.waitFor();
    long wall = (System.nanoTime() - start) / 1_000_000;
    String log = err.join().trim();
    String timings = log.lines().filter(l -> l.startsWith("cold start:")).findFirst().orElse("(no timings)");
    return new Result(exit, out.trim(), timings, log, wall, jar, Files.size(jar));
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
