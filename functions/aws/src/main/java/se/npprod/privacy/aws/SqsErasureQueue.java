package se.npprod.privacy.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import se.npprod.privacy.core.erasure.ErasureQueue;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.port.Unavailable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The erasure queue on SQS. Tasks go in batches of ten (SQS's limit). A batch call can succeed
 * while some of its entries fail (throttling, an internal error), and the SDK does not resend
 * those, so they are resent here for a few rounds; if any are still not on the queue the caller
 * gets {@link Unavailable} and, with nothing recorded as sent, plans again on the message's next
 * delivery. A task sent twice is harmless: the worker does each (request, system) once.
 */
public final class SqsErasureQueue implements ErasureQueue {
  static final int BATCH = 10;
  static final int ROUNDS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsErasureQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void plan(String requestId) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("requestId", requestId);
    body.put("action", "plan");
    String json = json(body);
    Dependency.call("queue", () -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(json)));
  }

  @Override
  public void send(List<ErasureTask> tasks) {
    for (int from = 0; from < tasks.size(); from += BATCH) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      List<ErasureTask> batch = tasks.subList(from, Math.min(from + BATCH, tasks.size()));
      for (int i = 0; i < batch.size(); i++) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("requestId", batch.get(i).requestId());
        body.put("system", batch.get(i).system());
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(json(body)).build());
      }
      sendAll(entries);
    }
  }

  private void sendAll(List<SendMessageBatchRequestEntry> entries) {
    List<SendMessageBatchRequestEntry> pending = entries;
    List<BatchResultErrorEntry> failed = List.of();
    for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
      List<SendMessageBatchRequestEntry> sending = pending;
      SendMessageBatchResponse response =
          Dependency.call("queue", () -> sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(sending)));
      failed = response.failed();
      TreeSet<String> failedIds = new TreeSet<>();
      failed.forEach(f -> failedIds.add(f.id()));
      pending = sending.stream().filter(e -> failedIds.contains(e.id())).toList();
    }
    if (!pending.isEmpty()) {
      TreeSet<String> codes = new TreeSet<>();
      failed.forEach(f -> codes.add(f.code()));
      throw new Unavailable("queue", new IllegalStateException(
          pending.size() + " erasure task(s) not accepted after " + ROUNDS + " rounds: " + codes));
    }
  }

  private static String json(Map<String, String> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
