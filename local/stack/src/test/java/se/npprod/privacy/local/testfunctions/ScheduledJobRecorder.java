package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only function behind a schedule: records each payload exactly as it arrived, one line each;
 * fails if it says {@code "fail":true}; otherwise answers which day it took as today
 * ({@code {"today":"yyyy-mm-dd"}} from a {@code "date"} of {@code ./dev run-schedule}, or null),
 * as a scheduled job that honours the date would.
 */
public class ScheduledJobRecorder implements RequestStreamHandler {
  private static final Pattern DATE = Pattern.compile("\"date\":\"(\\d{4}-\\d{2}-\\d{2})\"");

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String payload = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    Recording.append(payload);
    if (payload.contains("\"fail\":true")) {
      throw new IllegalStateException("the schedule's input asked this function to fail");
    }
    Matcher date = DATE.matcher(payload);
    String today = date.find() ? "\"" + date.group(1) + "\"" : "null";
    output.write(("{\"today\":" + today + "}").getBytes(StandardCharsets.UTF_8));
  }
}
