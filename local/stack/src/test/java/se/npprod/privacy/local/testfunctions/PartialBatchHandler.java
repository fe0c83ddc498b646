package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only function, typed as a deployed SQS function is (the runtime deserialises SQSEvent and
 * serialises SQSBatchResponse): records {@code messageId body receiveCount} per message. On a
 * message's first receive, a body starting {@code fail-once} is reported as failed, and one
 * starting {@code unknown-id} makes it report an id that is in no batch.
 */
public class PartialBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      int receiveCount = Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
      Recording.append(message.getMessageId() + " " + message.getBody() + " " + receiveCount);
      if (receiveCount == 1 && message.getBody().startsWith("fail-once")) {
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      } else if (receiveCount == 1 && message.getBody().startsWith("unknown-id")) {
        failures.add(new SQSBatchResponse.BatchItemFailure("no-message-has-this-id"));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
