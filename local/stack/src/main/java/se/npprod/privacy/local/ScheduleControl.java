package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import se.npprod.privacy.local.RuntimeApi.Outcome;

/**
 * The local stack's own control endpoint for its scheduler, on loopback only, for
 * {@code ./dev run-schedule} ({@link RunScheduleCommand}); AWS has no such API.
 *
 * <ul>
 *   <li>{@code GET /schedules}: every schedule, its function, expression, state and next time;
 *   <li>{@code POST /schedules/run} with {@code {"schedule":"<id or function>","date":"yyyy-mm-dd"}}
 *       (date optional): runs the schedule once and answers when its invocation has ended, retries
 *       included: {@code {"schedule","function","expression","payload","attempts","outcome"}} with
 *       {@code outcome} {@code "succeeded"} and the function's {@code response}, or {@code "failed"}
 *       and its {@code errorType} and {@code errorMessage}. 404 for an unknown schedule, 400 for a
 *       bad date or request.
 * </ul>
 */
final class ScheduleControl implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalScheduler scheduler;
  private final HttpServer server;

  private ScheduleControl(LocalScheduler scheduler) throws IOException {
    this.scheduler = scheduler;
    this.server = Loopback.serve(0, 8, "/schedules", this::handle, Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "schedule-control");
      t.setDaemon(true);
      return t;
    }));
  }

  static ScheduleControl start(LocalScheduler scheduler) throws IOException {
    return new ScheduleControl(scheduler);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/schedules";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/schedules") && method.equals("GET")) {
        Loopback.sendJson(exchange, 200, JSON.writeValueAsString(list()));
      } else if (path.equals("/schedules/run") && method.equals("POST")) {
        run(exchange);
      } else {
        Loopback.sendJson(exchange, 404, message("GET /schedules or POST /schedules/run"));
      }
    } catch (RuntimeException e) {
      System.err.println("local stack: schedule control request failed: " + e.getClass().getSimpleName());
      Loopback.sendJson(exchange, 500, message("the local scheduler failed: " + e.getClass().getSimpleName()));
    }
  }

  private ArrayNode list() {
    ArrayNode list = JSON.createArrayNode();
    for (Schedule schedule : scheduler.schedules()) {
      ObjectNode entry = list.addObject().put("schedule", schedule.id()).put("function", schedule.functionId())
          .put("expression", schedule.describe()).put("state", schedule.enabled() ? "ENABLED" : "DISABLED");
      scheduler.next(schedule).ifPresent(next -> entry.put("next", next.toString()));
    }
    return list;
  }

  private void run(HttpExchange exchange) throws IOException {
    JsonNode request;
    try {
      request = JSON.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.path("schedule").isTextual()) {
      Loopback.sendJson(exchange, 400, message("expected {\"schedule\":\"<id>\",\"date\":\"yyyy-mm-dd\"}"));
      return;
    }
    Schedule schedule;
    try {
      schedule = scheduler.find(request.get("schedule").asText());
    } catch (IllegalArgumentException e) {
      Loopback.sendJson(exchange, 404, message(e.getMessage()));
      return;
    }
    Optional<LocalDate> date;
    LocalScheduler.Run run;
    try {
      date = request.hasNonNull("date") ? Optional.of(LocalDate.parse(request.get("date").asText())) : Optional.empty();
      run = scheduler.runNow(schedule, date).get();
    } catch (DateTimeException e) {
      Loopback.sendJson(exchange, 400, message("the date must be yyyy-mm-dd"));
      return;
    } catch (IllegalArgumentException e) {
      Loopback.sendJson(exchange, 400, message(e.getMessage()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Loopback.sendJson(exchange, 503, message("the local stack is stopping"));
      return;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    Loopback.sendJson(exchange, 200, JSON.writeValueAsString(result(run)));
  }

  private static ObjectNode result(LocalScheduler.Run run) {
    ObjectNode result = JSON.createObjectNode().put("schedule", run.schedule().id())
        .put("function", run.schedule().functionId()).put("expression", run.schedule().describe())
        .put("payload", new String(run.payload(), StandardCharsets.UTF_8)).put("attempts", run.attempts());
    if (run.outcome() instanceof Outcome.Response response) {
      result.put("outcome", "succeeded").put("response", new String(response.payload(), StandardCharsets.UTF_8));
    } else if (run.outcome() instanceof Outcome.Failure failure) {
      result.put("outcome", "failed").put("errorType", failure.errorType()).put("errorMessage", failure.errorMessage());
    }
    return result;
  }

  private static String message(String text) {
    return JSON.createObjectNode().put("message", text).toString();
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
