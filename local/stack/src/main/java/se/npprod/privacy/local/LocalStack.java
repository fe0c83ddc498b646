package se.npprod.privacy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * The whole system on this machine: emulators provisioned from template.yaml, every function
 * running as Lambda runs it (its deployable jar in JVMs of its own under the Lambda Runtime
 * Interface Client, fed through the stack's Runtime API), and their HTTP routes plus the demo site
 * on one port; their SQS event sources, EventBridge rules and EventBridge Scheduler schedules
 * beside, and mail in over SMTP when the template has SES receipt rules.
 */
public final class LocalStack implements AutoCloseable {
  /** Execution environments per function; {@code -Dlocal.environments=N} changes it. */
  private static final int ENVIRONMENTS = Integer.getInteger("local.environments", 2);

  /** The template parameter naming the public address of the API (confirmation links). */
  static final String PUBLIC_API_URL = "PublicApiUrl";
  /** The template parameter naming where escalations go, and its local value (the SES outbox keeps the mail). */
  static final String PRIVACY_TEAM_ADDRESS = "PrivacyTeamAddress";
  static final String LOCAL_PRIVACY_TEAM = "integritetsteamet@npprod.example";

  private final LocalCloud cloud;
  private final LambdaHost host;
  private final List<FunctionPool> functions;
  private final HttpApiServer server;
  private final EventSources events;
  /** SES inbound mail; null when the template has no receipt rule. */
  private final SmtpInbox smtpInbox;
  /** The data map's HTTP systems, played locally; null when the template has no connector secret. */
  private final DemoSystems demoSystems;

  /** The secret that tells the extract where each system's export endpoint is (template.yaml). */
  static final String CONNECTOR_SECRET = "ConnectorSecret";

  private LocalStack(LocalCloud cloud, LambdaHost host, List<FunctionPool> functions, HttpApiServer server,
      EventSources events, SmtpInbox smtpInbox, DemoSystems demoSystems) {
    this.demoSystems = demoSystems;
    this.cloud = cloud;
    this.host = host;
    this.functions = functions;
    this.server = server;
    this.events = events;
    this.smtpInbox = smtpInbox;
  }

  public static LocalStack start(int port) {
    return start(port, RepoRoot.find().resolve("template.yaml"), ENVIRONMENTS);
  }

  /** The stack for {@code templateFile}: template.yaml, or a test's own template. */
  public static LocalStack start(int port, Path templateFile) {
    return start(port, templateFile, ENVIRONMENTS);
  }

  /** The stack of another template (the tests'), with {@code environments} execution environments per function. */
  static LocalStack start(int requestedPort, Path templateFile, int environments) {
    return start(requestedPort, templateFile, environments, null);
  }

  /**
   * The stack with the connector secret's value given ({@code connectorSecret}: the systems of the
   * data map played by a test, as they would be configured in production), instead of the demo
   * systems; {@code null} for the demo systems.
   */
  static LocalStack start(int requestedPort, Path templateFile, int environments, String connectorSecret) {
    // The port is fixed before the functions start: their confirmation links point at it.
    int port = requestedPort == 0 ? Loopback.freePort() : requestedPort;
    LocalCloud cloud = LocalCloud.provision(Emulators.start(), templateFile)
        .parameter(PUBLIC_API_URL, "http://localhost:" + port)
        .parameter(PRIVACY_TEAM_ADDRESS, LOCAL_PRIVACY_TEAM)
        // A local stack is where a person watches the 24-month rule act on a date yet to come.
        .parameter("AllowPretendDate", "true");
    Path root = RepoRoot.find();
    DemoSystems demo = null;
    LambdaHost host = null;
    List<FunctionPool> pools = new ArrayList<>();
    EventSources events = null;
    try {
      if (cloud.template().resources("AWS::SecretsManager::Secret").stream()
          .anyMatch(r -> r.logicalId().equals(CONNECTOR_SECRET))) {
        if (connectorSecret == null) {
          demo = DemoSystems.start(BundledPolicy.policy());
        }
        cloud.emulators().secrets().put(CONNECTOR_SECRET, connectorSecret == null ? demo.connectorSecret() : connectorSecret);
      }
      host = LambdaHost.start(root, cloud.emulators().endpoints().endpointUrls());
      // All functions start together; each pool waits for its own environments' init.
      List<CompletableFuture<FunctionPool>> starting = new ArrayList<>();
      for (Template.Function function : cloud.template().functions()) {
        LambdaHost h = host;
        starting.add(CompletableFuture.supplyAsync(
            () -> FunctionPool.start(h, function, cloud.templateEnvironment(function), environments)));
      }
      RuntimeException failure = null;
      for (CompletableFuture<FunctionPool> f : starting) {
        try {
          pools.add(f.join());
        } catch (CompletionException e) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
      if (failure != null) {
        throw failure;
      }
      Map<String, FunctionPool> byId = new LinkedHashMap<>();
      pools.forEach(p -> byId.put(p.functionId(), p));
      events = EventSources.start(cloud, byId);
      HttpApiServer server = new HttpApiServer(port, cloud.template().functions(), byId, root);
      SmtpInbox smtpInbox = null;
      try {
        smtpInbox = startSmtpInbox(cloud, byId, events.asyncInvoker());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return new LocalStack(cloud, host, pools, server, events, smtpInbox, demo);
    } catch (IOException e) {
      closeDemo(demo);
      closeEvents(events);
      stop(pools, host, cloud);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeDemo(demo);
      closeEvents(events);
      stop(pools, host, cloud);
      throw e;
    }
  }

  /**
   * The SMTP listener, when the template declares a receipt rule: on {@code -Dlocal.smtpPort} or
   * {@code SMTP_PORT} if set, else on a free loopback port.
   */
  private static SmtpInbox startSmtpInbox(LocalCloud cloud, Map<String, FunctionPool> byId, AsyncInvoker invoker) {
    ReceiptRuleSet rules = ReceiptRuleSet.from(cloud.template(), cloud::ref);
    if (rules.isEmpty()) {
      return null;
    }
    String configured = System.getProperty("local.smtpPort", System.getenv("SMTP_PORT"));
    int port = configured == null || configured.isBlank() ? 0 : Integer.parseInt(configured.trim());
    return SmtpInbox.start(port, rules, cloud.emulators().endpoints().s3Client(), byId, invoker, Clock.systemUTC());
  }

  public LocalCloud cloud() {
    return cloud;
  }

  public String baseUrl() {
    return "http://localhost:" + server.port();
  }

  /** Where PutEvents reaches the stack's EventBridge: the value for {@code AWS_ENDPOINT_URL_EVENTBRIDGE}. */
  public String eventBusUrl() {
    return events.eventBusUrl();
  }

  /** Where {@code ./dev run-schedule} reaches the stack's scheduler (loopback only). */
  public String scheduleControlUrl() {
    return events.scheduleControlUrl();
  }

  /** EventBridge Scheduler's part: the template's schedules, and when each fires next. */
  LocalScheduler scheduler() {
    return events.scheduler();
  }

  /** Lambda's asynchronous invocations (EventBridge's targets), for tests that wait for them. */
  AsyncInvoker asyncInvoker() {
    return events.asyncInvoker();
  }

  private static void closeDemo(DemoSystems demo) {
    if (demo != null) {
      demo.close();
    }
  }

  /** Where the data map's HTTP systems are played, if they are. */
  public Optional<String> demoSystemsUrl() {
    return Optional.ofNullable(demoSystems).map(DemoSystems::url);
  }

  private static void closeEvents(EventSources events) {
    if (events != null) {
      events.close();
    }
  }

  /** The SMTP listener that plays SES inbound, if the template declares a receipt rule. */
  public Optional<SmtpInbox> smtpInbox() {
    return Optional.ofNullable(smtpInbox);
  }

  private static void stop(List<FunctionPool> pools, LambdaHost host, LocalCloud cloud) {
    FunctionPool.stopAll(pools);
    if (host != null) {
      host.close();
    }
    cloud.close();
  }

  @Override
  public void close() {
    if (smtpInbox != null) {
      smtpInbox.close();
    }
    server.close();
    events.close();
    closeDemo(demoSystems);
    stop(functions, host, cloud);
  }
}
