package se.npprod.privacy.local.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Secrets Manager's {@code GetSecretValue}, as the SDK calls it (JSON 1.1 over HTTP, target
 * {@code secretsmanager.GetSecretValue}), for the secrets the local stack provisions from
 * template.yaml. No emulator for Secrets Manager runs without Docker here, and functions need
 * exactly this one call; every other target answers as AWS does for an unknown operation.
 */
public final class LocalSecretsManager implements AutoCloseable {
  private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> arns = new ConcurrentHashMap<>();

  private LocalSecretsManager(HttpServer server) {
    this.server = server;
  }

  public static LocalSecretsManager start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LocalSecretsManager local = new LocalSecretsManager(server);
      server.createContext("/", local::handle);
      server.setExecutor(Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "local-secrets-manager");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return local;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stores a secret; returns its ARN, which is also accepted as its id. */
  public String put(String name, String value) {
    String arn = "arn:aws:secretsmanager:" + Endpoints.REGION + ":000000000000:secret:" + name + "-local";
    secrets.put(name, value);
    secrets.put(arn, value);
    arns.put(name, arn);
    arns.put(arn, arn);
    return arn;
  }

  /** A secret's current value (what GetSecretValue answers), for tools of the local stack. */
  public java.util.Optional<String> value(String nameOrArn) {
    return java.util.Optional.ofNullable(secrets.get(nameOrArn));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      if (!target.equals("secretsmanager.GetSecretValue")) {
        respond(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"not emulated: " + json(target) + "\"}");
        return;
      }
      Matcher id = SECRET_ID.matcher(body);
      String value = id.find() ? secrets.get(id.group(1)) : null;
      if (value == null) {
        respond(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
        return;
      }
      String arn = arns.get(id.group(1));
      respond(exchange, 200, "{\"ARN\":\"" + json(arn) + "\",\"Name\":\"" + json(id.group(1)) + "\",\"SecretString\":\""
          + json(value) + "\",\"VersionId\":\"00000000-0000-4000-8000-000000000001\",\"VersionStages\":[\"AWSCURRENT\"],"
          + "\"CreatedDate\":" + (System.currentTimeMillis() / 1000) + "}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
