package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test-only function: records each event exactly as it arrived, one line each (events are compact
 * JSON), and answers nothing: for an SQS batch, every message succeeded.
 */
public class RawEventRecorder implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Recording.append(new String(input.readAllBytes(), StandardCharsets.UTF_8));
  }
}
