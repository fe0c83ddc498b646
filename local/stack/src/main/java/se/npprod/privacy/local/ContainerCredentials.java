package se.npprod.privacy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import se.npprod.privacy.local.emulators.Endpoints;

/**
 * The container credentials endpoint, which is how Lambda hands credentials to a function
 * restored from a SnapStart snapshot: {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} on loopback,
 * guarded by {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}. Serving credentials only this way makes a
 * function that reads {@code AWS_ACCESS_KEY_ID} fail locally as it would on Lambda. The JSON
 * fields are the ones the AWS SDK for Java v2 {@code ContainerCredentialsProvider} parses.
 */
final class ContainerCredentials implements AutoCloseable {
  private static final String PATH = "/2021-04-23/credentials";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  ContainerCredentials() throws IOException {
    server = Loopback.serve(0, 16, PATH, this::handle, Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "container-credentials");
      t.setDaemon(true);
      return t;
    }));
  }

  /** The two variables an execution environment gets, with a token of its own. */
  Map<String, String> environmentForNewEnvironment() {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    tokens.add(token);
    return Map.of(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + server.getAddress().getPort() + PATH,
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestHeaders().getFirst("Authorization");
      if (!exchange.getRequestMethod().equals("GET") || token == null || !tokens.contains(token)) {
        Loopback.sendJson(exchange, 401, "{\"message\":\"unauthorized\"}");
        return;
      }
      Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
      Loopback.sendJson(exchange, 200, "{\"AccessKeyId\":\"" + Endpoints.ACCESS_KEY + "\",\"SecretAccessKey\":\""
          + Endpoints.SECRET_KEY + "\",\"Token\":\"local-session\",\"Expiration\":\"" + expiration + "\"}");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
