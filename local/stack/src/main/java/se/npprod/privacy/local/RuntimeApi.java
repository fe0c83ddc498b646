package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API (version 2018-06-01) of one execution environment, as the runtime inside
 * it sees it: {@code /next} hands out one invocation at a time, {@code /response} and
 * {@code /error} answer it, {@code /init/error} reports a failed start. Paths, headers and status
 * codes follow "Using the Lambda runtime API for custom runtimes" (AWS Lambda developer guide).
 */
final class RuntimeApi implements AutoCloseable {
  /** What an invocation came to: the function's payload, or an error as Lambda reports it. */
  sealed interface Outcome {
    record Response(byte[] payload) implements Outcome {}

    record Failure(String errorType, String errorMessage) implements Outcome {}
  }

  /** A failed init, as the runtime reported it to {@code /init/error}. */
  static final class InitError extends RuntimeException {
    InitError(String message) {
      super(message);
    }
  }

  private static final String PREFIX = "/2018-06-01/runtime/";
  /** Lambda's limit for a synchronous response; larger ones fail the invocation. */
  private static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Invocation(String requestId, byte[] event, long deadlineMillis, CompletableFuture<Outcome> outcome) {}

  private final String functionArn;
  private final HttpServer server;
  private final ExecutorService threads;
  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final Map<String, Invocation> running = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> initialised = new CompletableFuture<>();

  RuntimeApi(String functionName) throws IOException {
    this.functionArn = "arn:aws:lambda:eu-north-1:000000000000:function:" + functionName;
    // /next blocks a thread until there is work, so threads are not pooled to a fixed count.
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "runtime-api-" + functionName);
      t.setDaemon(true);
      return t;
    });
    this.server = Loopback.serve(0, 16, PREFIX, this::handle, threads);
  }

  /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Completes when the runtime first asks for work (its init is done), or fails with its init error. */
  CompletableFuture<Void> initialised() {
    return initialised;
  }

  /** Queues one event for the runtime; the deadline it is told is {@code timeout} from now. */
  CompletableFuture<Outcome> invoke(byte[] event, Duration timeout) {
    Invocation invocation = new Invocation(UUID.randomUUID().toString(), event,
        System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
    pending.add(invocation);
    return invocation.outcome();
  }

  /** The environment ended (killed or crashed): whatever it was running fails with {@code errorType}. */
  void abandon(String errorType, String errorMessage) {
    initialised.completeExceptionally(new InitError(errorType + ": " + errorMessage));
    Outcome failure = new Outcome.Failure(errorType, errorMessage);
    running.values().forEach(i -> i.outcome().complete(failure));
    pending.forEach(i -> i.outcome().complete(failure));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("invocation/next")) {
        next(exchange);
      } else if (method.equals("POST") && path.equals("init/error")) {
        JsonNode error = readError(exchange);
        initialised.completeExceptionally(new InitError(describe(exchange, error)));
        Loopback.sendJson(exchange, 202, "{\"status\":\"OK\"}");
      } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
        String id = path.substring("invocation/".length(), path.length() - "/response".length());
        byte[] payload = exchange.getRequestBody().readAllBytes();
        Invocation invocation = running.remove(id);
        if (invocation == null) {
          Loopback.sendJson(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        } else if (payload.length > MAX_RESPONSE_BYTES) {
          invocation.outcome().complete(new Outcome.Failure("Function.ResponseSizeTooLarge",
              "Response payload size exceeded maximum allowed payload size (6291556 bytes)."));
          Loopback.sendJson(exchange, 413, "{\"errorMessage\":\"Payload too large\",\"errorType\":\"RequestEntityTooLarge\"}");
        } else {
          invocation.outcome().complete(new Outcome.Response(payload));
          Loopback.sendJson(exchange, 202, "{\"status\":\"OK\"}");
        }
      } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
        String id = path.substring("invocation/".length(), path.length() - "/error".length());
        JsonNode error = readError(exchange);
        Invocation invocation = running.remove(id);
        if (invocation == null) {
          Loopback.sendJson(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        } else {
          invocation.outcome().complete(new Outcome.Failure(errorType(exchange, error),
              error.path("errorMessage").asText("")));
          Loopback.sendJson(exchange, 202, "{\"status\":\"OK\"}");
        }
      } else {
        Loopback.sendJson(exchange, 404, "{\"errorMessage\":\"Not found\",\"errorType\":\"NotFound\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    initialised.complete(null);
    Invocation invocation;
    try {
      invocation = pending.take();
    } catch (InterruptedException e) {
      // closing: the environment is being shut down
      Thread.currentThread().interrupt();
      return;
    }
    running.put(invocation.requestId(), invocation);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
    headers.set("Lambda-Runtime-Trace-Id", traceId());
    exchange.sendResponseHeaders(200, invocation.event().length == 0 ? -1 : invocation.event().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(invocation.event());
    }
  }

  /** The runtime's error document: {@code {errorMessage, errorType, stackTrace}}, or empty if it is not JSON. */
  private static JsonNode readError(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private static String errorType(HttpExchange exchange, JsonNode error) {
    String header = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    return header != null ? header : error.path("errorType").asText("Runtime.Unknown");
  }

  private static String describe(HttpExchange exchange, JsonNode error) {
    return errorType(exchange, error) + ": " + error.path("errorMessage").asText("");
  }

  /** An X-Ray trace header of the shape Lambda passes (not sampled: nothing records it locally). */
  private static String traceId() {
    byte[] id = new byte[12];
    byte[] parent = new byte[8];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(parent);
    return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(id)
        + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
  }

  @Override
  public void close() {
    abandon("Runtime.ExitError", "the execution environment was shut down");
    server.stop(0);
    threads.shutdownNow();
  }
}
