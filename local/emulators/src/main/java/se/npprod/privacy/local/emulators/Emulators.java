package se.npprod.privacy.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The AWS services the functions use, as wire-compatible emulators on free loopback ports:
 * dynoxide (DynamoDB), ElasticMQ embedded in this JVM (SQS), aws-ses-v2-local (SES) and s3rver
 * (S3).
 */
public final class Emulators implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  /**
   * s3rver through its API rather than its CLI: it knows one access key of its own (S3RVER), so
   * the local stack's key is added to its account; it checks no SigV4 signature, only the key.
   * Silent: its request log would name every object key.
   */
  private static final String S3RVER = String.join("\n",
      "const [module, address, port, directory, accessKey, secretKey] = process.argv.slice(1);",
      "const S3rver = require(module);",
      "require(module + '/lib/models/account').DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);",
      "new S3rver({ address, port: Number(port), directory, silent: true }).run()",
      "  .catch(error => { console.error(error); process.exit(1); });");

  private final Endpoints endpoints;
  private final List<AutoCloseable> running;
  /** The DynamoDB emulator's process, for fault tests; null on the LocalStack backend. */
  private final GuardedProcess dynamoDb;
  /** Secrets Manager, played in this JVM (see {@link LocalSecretsManager}). */
  private final LocalSecretsManager secrets;

  private Emulators(Endpoints endpoints, List<AutoCloseable> running, GuardedProcess dynamoDb,
      LocalSecretsManager secrets) {
    this.endpoints = endpoints;
    this.running = running;
    this.dynamoDb = dynamoDb;
    this.secrets = secrets;
  }

  public LocalSecretsManager secrets() {
    return secrets;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  /** DynamoDB hangs: connections are accepted by the kernel but never answered (SIGSTOP). */
  public void pauseDynamoDb() {
    signalDynamoDb("STOP");
  }

  public void resumeDynamoDb() {
    signalDynamoDb("CONT");
  }

  /** DynamoDB is gone: its port refuses connections. */
  public void stopDynamoDb() {
    requireEmbedded().close();
  }

  private void signalDynamoDb(String signal) {
    long pid = requireEmbedded().child().orElseThrow(() -> new IllegalStateException("dynoxide is not running")).pid();
    try {
      int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + signal + " dynoxide exited " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private GuardedProcess requireEmbedded() {
    if (dynamoDb == null) {
      throw new UnsupportedOperationException("fault injection needs the embedded emulators");
    }
    return dynamoDb;
  }

  /** Starts the backend named by the {@code emulators.backend} system property (default: embedded). */
  public static Emulators start() {
    if ("localstack".equals(System.getProperty("emulators.backend"))) {
      return startLocalStack();
    }
    return startEmbedded(RepoRoot.find());
  }

  public static Emulators startEmbedded(Path repoRoot) {
    Path stateDir = repoRoot.resolve(".local").resolve("emulators");
    GuardedProcess.sweepOrphans(stateDir);
    Path modules = repoRoot.resolve("node_modules");
    Path dynoxide = modules.resolve("@dynoxide/linux-x64/dynoxide");
    Path ses = modules.resolve("aws-ses-v2-local/dist/cli.js");
    Path s3rver = modules.resolve("s3rver");
    for (Path required : List.of(dynoxide, ses, s3rver.resolve("lib/s3rver.js"))) {
      if (!Files.exists(required)) {
        throw new IllegalStateException(required + " is missing: run `npm ci` in " + repoRoot);
      }
    }
    List<AutoCloseable> running = new ArrayList<>();
    try {
      int dynamoPort = freePort();
      GuardedProcess dynamoDb = GuardedProcess.start("dynoxide",
          List.of(dynoxide.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(dynamoPort)),
          stateDir, dynamoPort, START_TIMEOUT);
      running.add(dynamoDb);
      int sesPort = freePort();
      running.add(GuardedProcess.start("ses",
          List.of("node", ses.toString(), "--host", "127.0.0.1", "--port", Integer.toString(sesPort)),
          stateDir, sesPort, START_TIMEOUT));
      int s3Port = freePort();
      S3Store s3Store = S3Store.create(stateDir.resolve("s3"));
      running.add(s3Store);
      running.add(GuardedProcess.start("s3",
          List.of("node", "-e", S3RVER, s3rver.toString(), "127.0.0.1", Integer.toString(s3Port),
              s3Store.directory().toString(), Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY),
          stateDir, s3Port, START_TIMEOUT));
      int sqsPort = freePort();
      SQSRestServer sqs = SQSRestServerBuilder
          .withInterface("127.0.0.1")
          .withPort(sqsPort)
          .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
          .withAWSRegion(Endpoints.REGION)
          .start();
      sqs.waitUntilStarted();
      running.add(sqs::stopAndWait);
      LocalSecretsManager secrets = LocalSecretsManager.start();
      running.add(secrets);
      Endpoints endpoints = new Endpoints(local(dynamoPort), local(sqsPort), local(sesPort), local(s3Port),
          secrets.endpoint());
      Emulators started = new Emulators(endpoints, running, dynamoDb, secrets);
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "emulators-shutdown"));
      return started;
    } catch (RuntimeException e) {
      closeAll(running);
      throw e;
    }
  }

  private static Emulators startLocalStack() {
    try {
      Class<?> backend = Class.forName("se.npprod.privacy.local.emulators.LocalStackBackend");
      AutoCloseable container = (AutoCloseable) backend.getMethod("start").invoke(null);
      Endpoints endpoints = (Endpoints) backend.getMethod("endpoints", Object.class).invoke(null, container);
      LocalSecretsManager secrets = LocalSecretsManager.start();
      return new Emulators(endpoints, new ArrayList<>(List.of(container, secrets)), null, secrets);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the localstack backend needs `mvn -Plocalstack` and a Docker engine", e);
    }
  }

  private static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    closeAll(running);
  }

  /** Stops in reverse order of start; one failure does not keep the others running. */
  private static void closeAll(List<AutoCloseable> running) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
    running.clear();
  }
}
