package se.npprod.privacy.aws;

import se.npprod.privacy.core.request.Fulfilment;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A verified request handed on through SQS: an access request to ExtractFunction's queue; an
 * erasure, a restriction or an objection to ErasureFunction's as a plan message (one fan-out
 * carries all three to every system). The message names the request only; the worker
 * reads the rest from the table. SQS keeps it (and redrives it to a dead-letter queue) until the
 * work is done, so a verified request is never lost between two functions. Rectification stays
 * VERIFIED on the privacy team's list of what is due: the corrected fields need a person first,
 * and the team's confirmation of them ({@code ConfirmRectification}) sends the plan message.
 */
public final class QueueFulfilment implements Fulfilment {
  public static final String QUEUE_URL_ENV = "EXTRACT_QUEUE_URL";
  public static final String ERASURE_QUEUE_URL_ENV = "ERASURE_QUEUE_URL";

  private final SqsClient sqs;
  private final String extractQueueUrl;
  private final String erasureQueueUrl;

  public QueueFulfilment(SqsClient sqs, String extractQueueUrl, String erasureQueueUrl) {
    this.sqs = sqs;
    this.extractQueueUrl = extractQueueUrl;
    this.erasureQueueUrl = erasureQueueUrl;
  }

  @Override
  public void start(PrivacyRequest verified) {
    if (verified.type() == RequestType.ACCESS) {
      send(extractQueueUrl, "{\"requestId\":\"" + verified.id() + "\",\"type\":\"access\"}");
    } else if (verified.type() == RequestType.ERASURE || verified.type() == RequestType.RESTRICTION
        || verified.type() == RequestType.OBJECTION) {
      send(erasureQueueUrl, "{\"requestId\":\"" + verified.id() + "\",\"action\":\"plan\"}");
    }
  }

  private void send(String queueUrl, String body) {
    Dependency.call("queue", () -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
  }
}
