package se.npprod.privacy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.core.erasure.ConnectorResult;
import se.npprod.privacy.core.erasure.ConnectorResult.Outcome;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.subject.EmailAddress;

/**
 * The erasure connector against a system played by a loopback server that checks the signature as
 * a system owner would, and answers as told.
 */
class HttpErasureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "crm-erasure-key-0123456789";
  private static final Policy.DataSystem CRM =
      new Policy.DataSystem("crm", new Policy.Text("Kundregister", "Customer register"), "controller", Policy.Export.http,
          Policy.Erasure.http, false);
  private static final Identifiers PERSON = new Identifiers("subject-hash",
      EmailAddress.parse("radera@example.se").orElseThrow(), List.of("K-1001", "K-1002"), List.of("+46701112233"));

  private HttpServer server;
  private ExecutorService handlers;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> answer = new AtomicReference<>("{\"erased\":3}");
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<JsonNode> received = new AtomicReference<>();
  private final AtomicReference<String> path = new AtomicReference<>();
  private String base;

  @BeforeEach
  void startSystem() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // Handlers off the dispatcher thread, so a slow answer does not hold up stopping the server.
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/", this::answer);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopSystem() throws InterruptedException {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
    handlers.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String timestamp = exchange.getRequestHeaders().getFirst("X-NP-Timestamp");
    String expected = "v1=" + HttpExports.sign(KEY, timestamp + "." + new String(body, StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("X-NP-Signature"))) {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    path.set(exchange.getRequestURI().getPath());
    received.set(JSON.readTree(body));
    try {
      release.await(delay.get().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status.get(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
    exchange.close();
  }

  private String secret(String key) {
    return "{\"crm\":{\"url\":\"" + base + "/privacy\",\"erasureUrl\":\"" + base + "/privacy/erase\",\"key\":\"" + key + "\"}}";
  }

  private ConnectorResult erase(String secret) {
    return new HttpErasure(() -> secret, Clock.systemUTC()).erase(CRM, "req-42", PERSON);
  }

  @Test
  void aRectificationCarriesTheCorrectedFieldsBesideTheIdentifiersOnTheSameSignedContract() {
    HttpErasure connector = new HttpErasure(() -> secret(KEY), Clock.systemUTC());

    ConnectorResult rectified = connector.rectify(CRM, "req-16", PERSON, Map.of("name", "Rut Berg", "phone", "+46 70 999 88 77"));
    JsonNode rectify = received.get();
    ConnectorResult lifted = connector.perform(CRM, "unrestrict", "req-18", PERSON);
    JsonNode unrestrict = received.get();

    assertThat(rectified.outcome()).isEqualTo(Outcome.DONE);
    assertThat(rectify.get("action").asText()).isEqualTo("rectify");
    assertThat(rectify.get("requestId").asText()).isEqualTo("req-16");
    assertThat(rectify.get("subject").get("phones").get(0).asText()).as("found by what it knows").isEqualTo("+46701112233");
    assertThat(rectify.get("fields").get("name").asText()).isEqualTo("Rut Berg");
    assertThat(rectify.get("fields").get("phone").asText()).isEqualTo("+46 70 999 88 77");
    assertThat(lifted.outcome()).isEqualTo(Outcome.DONE);
    assertThat(unrestrict.get("action").asText()).isEqualTo("unrestrict");
    assertThat(unrestrict.has("fields")).as("only a rectification carries fields").isFalse();
    assertThat(path.get()).isEqualTo("/privacy/erase");
  }

  @Test
  void anErasedAnswerIsDoneAndTheSystemWasGivenEveryIdentifier() {
    ConnectorResult result = erase(secret(KEY));

    assertThat(result.outcome()).isEqualTo(Outcome.DONE);
    assertThat(result.counts()).isEqualTo(Map.of("erased", 3L));
    assertThat(path.get()).isEqualTo("/privacy/erase");
    JsonNode body = received.get();
    assertThat(body.get("action").asText()).isEqualTo("erase");
    assertThat(body.get("requestId").asText()).isEqualTo("req-42");
    assertThat(body.at("/subject/email").asText()).isEqualTo("radera@example.se");
    assertThat(body.at("/subject/customerNumbers")).extracting(JsonNode::asText).containsExactly("K-1001", "K-1002");
    assertThat(body.at("/subject/phones")).extracting(JsonNode::asText).containsExactly("+46701112233");
  }

  @Test
  void anAnswerWithoutACountIsStillDone() {
    status.set(204);
    answer.set("");

    assertThat(erase(secret(KEY))).isEqualTo(ConnectorResult.done(Map.of()));
  }

  @Test
  void aSystemWithoutAnErasureUrlIsAskedAtItsOneUrl() {
    ConnectorResult result = erase("{\"crm\":{\"url\":\"" + base + "/privacy\",\"key\":\"" + KEY + "\"}}");

    assertThat(result.outcome()).isEqualTo(Outcome.DONE);
    assertThat(path.get()).isEqualTo("/privacy");
  }

  @Test
  void aServerErrorIsTriedAgainLater() {
    status.set(503);

    assertThat(erase(secret(KEY))).isEqualTo(ConnectorResult.retry("http-503"));
  }

  @Test
  void aRefusalIsFailedForAPersonToHandle() {
    status.set(404);

    assertThat(erase(secret(KEY))).isEqualTo(ConnectorResult.failed("http-404"));
  }

  @Test
  void aSystemThatAnswersTooLateIsTriedAgainLater() {
    delay.set(Duration.ofSeconds(5));
    HttpErasure eraser = new HttpErasure(() -> secret(KEY), Clock.systemUTC(), Duration.ofSeconds(1));

    assertThat(eraser.erase(CRM, "req-42", PERSON)).isEqualTo(ConnectorResult.retry("timeout"));
  }

  @Test
  void aWrongKeyOnOurSideIsRefusedForGood() {
    assertThat(erase(secret("not-the-key"))).isEqualTo(ConnectorResult.failed("http-401"));
    assertThat(received.get()).isNull();
  }

  @Test
  void aSystemNobodyListensForIsTriedAgainLater() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String secret = "{\"crm\":{\"url\":\"http://127.0.0.1:" + closed + "/privacy\",\"key\":\"" + KEY + "\"}}";

    assertThat(erase(secret)).isEqualTo(ConnectorResult.retry("unreachable"));
  }

  @Test
  void aSystemTheSecretDoesNotConfigureIsTriedAgainLater() {
    assertThat(erase("{\"newsletter\":{\"url\":\"" + base + "/privacy\",\"key\":\"" + KEY + "\"}}"))
        .isEqualTo(ConnectorResult.retry("not-configured"));
    assertThat(erase("{\"crm\":{\"url\":\"" + base + "/privacy\"}}")).isEqualTo(ConnectorResult.retry("not-configured"));
    assertThat(erase("not json")).isEqualTo(ConnectorResult.retry("not-configured"));
    assertThat(received.get()).isNull();
  }
}
