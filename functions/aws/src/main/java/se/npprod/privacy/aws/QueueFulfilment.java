package se.npprod.privacy.aws;

import se.npprod.privacy.core.request.Fulfilment;
import se.npprod.privacy.core.request.PrivacyRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A verified access request handed on to ExtractFunction through SQS: the message names the request
 * and its type only; the worker reads the rest from the table. SQS keeps it (and redrives it to a
 * dead-letter queue) until the extract is out, so a verified request is never lost between two
 * functions. Other types are planned per system by the erasure work; until that exists they stay
 * VERIFIED on the privacy team's list of what is due (the table's "due" index).
 */
public final class QueueFulfilment implements Fulfilment {
  public static final String QUEUE_URL_ENV = "EXTRACT_QUEUE_URL";

  private final SqsClient sqs;
  private final String queueUrl;

  public QueueFulfilment(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void start(PrivacyRequest verified) {
    if (verified.type() != se.npprod.privacy.core.request.RequestType.ACCESS) {
      return;
    }
    String body = "{\"requestId\":\"" + verified.id() + "\",\"type\":\"" + verified.type().wireName() + "\"}";
    Dependency.call("queue", () -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
  }
}
