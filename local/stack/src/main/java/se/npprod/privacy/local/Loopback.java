package se.npprod.privacy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/** The JDK's HTTP server as the local stack runs it: loopback only, no Nagle delay. */
final class Loopback {
  private Loopback() {}

  /** Serves {@code handler} under {@code path} on 127.0.0.1 ({@code port} 0: a free one). */
  static HttpServer serve(int port, int backlog, String path, HttpHandler handler, Executor executor)
      throws IOException {
    // The JDK server reads this once, when the JVM's first server starts: without it, Nagle's
    // algorithm and delayed ACKs add some 40 ms to every keep-alive exchange.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    server.createContext(path, handler);
    server.setExecutor(executor);
    server.start();
    return server;
  }

  /** A port free on 127.0.0.1 now, for a server whose address must be known before it starts. */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
