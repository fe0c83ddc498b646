package se.npprod.privacy.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/**
 * Test-only function, typed as a deployed EventBridge target is (the runtime deserialises
 * ScheduledEvent): records {@code id detail-type source account region time resources detail}, then
 * fails if the detail says {@code "fail": true}.
 */
public class ScheduledEventRecorder implements RequestHandler<ScheduledEvent, Void> {
  @Override
  public Void handleRequest(ScheduledEvent event, Context context) {
    Recording.append(String.join(" ", event.getId(), event.getDetailType(), event.getSource(), event.getAccount(),
        event.getRegion(), event.getTime().toString(), String.valueOf(event.getResources()),
        String.valueOf(event.getDetail())));
    if (Boolean.TRUE.equals(event.getDetail().get("fail"))) {
      throw new IllegalStateException("the event asked this function to fail");
    }
    return null;
  }
}
