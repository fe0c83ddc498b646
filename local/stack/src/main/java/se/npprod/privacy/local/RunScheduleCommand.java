package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code ./dev run-schedule <FunctionLogicalId> [yyyy-mm-dd]}: runs a schedule of the running
 * local stack once, now, through its control endpoint ({@link ScheduleControl}, found in
 * .local/stack.json, which {@code ./dev start} writes), and prints what was invoked and how it
 * ended. The name is a function with one schedule, or a schedule's id ({@code Function.Event}, or an
 * AWS::Scheduler::Schedule's logical id). With a date, the payload is the schedule's Input with
 * {@code "date":"yyyy-mm-dd"} added, which a function may take as "today".
 */
final class RunScheduleCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lambda's longest timeout, three attempts, and the retry waits: the longest a run can take. */
  private static final Duration PATIENCE = Duration.ofMinutes(50);

  private RunScheduleCommand() {}

  /** 0 if the function succeeded, 1 if it failed (after its retries), 2 if nothing was run. */
  static int run(String name, String date, Path repoRoot, PrintStream out, PrintStream err) throws IOException {
    if (date != null) {
      try {
        LocalDate.parse(date);
      } catch (DateTimeException e) {
        err.println("run-schedule: the date must be yyyy-mm-dd, not " + date);
        return 2;
      }
    }
    var stack = StackFile.running(repoRoot);
    if (stack.isEmpty() || !stack.get().hasNonNull("scheduler")) {
      err.println("run-schedule: no local stack is running (start one with ./dev start)");
      return 2;
    }
    String body = JSON.createObjectNode().put("schedule", name).put("date", date).toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.get().get("scheduler").asText() + "/run"))
        .timeout(PATIENCE).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      err.println("run-schedule: the local stack in .local/stack.json does not answer");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      err.println("run-schedule: " + answer.path("message").asText(response.body()));
      return 2;
    }
    out.println("Invoked " + answer.get("function").asText() + " asynchronously for schedule "
        + answer.get("schedule").asText() + " (" + answer.get("expression").asText() + "), with:");
    out.println("  " + answer.get("payload").asText());
    int attempts = answer.get("attempts").asInt();
    String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
    if (answer.get("outcome").asText().equals("succeeded")) {
      String result = answer.get("response").asText();
      out.println("Succeeded" + tries + "; the function returned: " + (result.isEmpty() ? "nothing" : result));
      return 0;
    }
    out.println("Failed" + tries + " (Lambda retries a failed asynchronous invocation twice): "
        + answer.get("errorType").asText() + ": " + answer.get("errorMessage").asText());
    return 1;
  }
}
