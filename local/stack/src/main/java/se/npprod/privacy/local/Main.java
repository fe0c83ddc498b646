package se.npprod.privacy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * {@code serve [--port 3000]}: the local stack until Ctrl-C.
 * {@code invoke <FunctionLogicalId> <event.json>}: one cold start and one invocation in a fresh JVM.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "serve" : args[0];
    switch (mode) {
      case "serve" -> serve(args.length >= 3 && args[1].equals("--port") ? Integer.parseInt(args[2]) : 3000);
      case "invoke" -> {
        if (args.length != 3) {
          usage();
        }
        System.exit(invoke(args[1], Path.of(args[2])));
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: serve [--port 3000] | invoke <FunctionLogicalId> <event.json>");
    System.exit(2);
  }

  private static void serve(int port) throws InterruptedException {
    LocalStack stack = LocalStack.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping the local stack...");
      stack.close();
      stopped.countDown();
    }, "local-stack-shutdown"));
    var endpoints = stack.cloud().emulators().endpoints();
    System.out.println("""

        NP Produkter privacy system, local stack
          Demo shop:        %1$s/
          Privacy page:     %1$s/integritet.html
          Consent API:      %1$s/consent  (GET %1$s/consent/config)
          DynamoDB (dynoxide): %2$s   table PrivacyTable
          SQS (ElasticMQ):     %3$s
          SES (aws-ses-v2-local): %4$s   sent mail: %4$s/store
        Ctrl-C stops everything.
        """.formatted(stack.baseUrl(), endpoints.dynamoDb(), endpoints.sqs(), endpoints.ses()));
    stopped.await();
  }

  /** Runs the function's deployable jar in a child JVM with the environment template.yaml gives it. */
  private static int invoke(String functionId, Path eventFile) throws IOException, InterruptedException {
    Path root = RepoRoot.find();
    try (LocalCloud cloud = LocalCloud.start()) {
      Template.Function function = cloud.template().functions().stream()
          .filter(f -> f.logicalId().equals(functionId)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no function " + functionId + " in template.yaml"));
      Path jar = functionJar(root.resolve(function.codeUri()));
      List<String> classpath = new ArrayList<>(List.of(jar.toString(),
          root.resolve("local/stack/target/classes").toString(),
          root.resolve("local/emulators/target/classes").toString()));
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (entry.contains("aws-lambda-java-serialization")) {
          classpath.add(entry);
        }
      }
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
          "-cp", String.join(java.io.File.pathSeparator, classpath),
          OneShot.class.getName(), functionId, function.handlerClass(), eventFile.toAbsolutePath().toString())
          .inheritIO();
      pb.environment().putAll(cloud.environment(function));
      long start = System.nanoTime();
      int exit = pb.start().waitFor();
      System.err.printf("fresh JVM, process start to exit: %d ms (function jar %s, %.1f MB)%n",
          (System.nanoTime() - start) / 1_000_000, root.relativize(jar), Files.size(jar) / 1_048_576.0);
      return exit;
    }
  }

  private static Path functionJar(Path module) throws IOException {
    try (Stream<Path> files = Files.list(module.resolve("target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no deployable jar in " + module
              + "/target: run `mvn -DskipTests install` first"));
    }
  }
}
