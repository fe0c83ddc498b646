package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Endpoints;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's event source mapping for one SQS queue and function (a {@code Type: SQS} event of
 * template.yaml): long-polls the queue, gathers up to BatchSize messages within the batching
 * window, invokes the function with the event Lambda sends, and deletes what the function handled.
 * A function error or timeout deletes nothing: the messages come back after the queue's visibility
 * timeout, and SQS (ElasticMQ here) moves them to the dead-letter queue after maxReceiveCount
 * receives. With ReportBatchItemFailures, the messages the response names stay and the rest go.
 *
 * <p>One poller thread per mapping, so one batch at a time: Lambda runs up to ScalingConfig's
 * MaximumConcurrency batches at once, which matters for throughput, not for what a function sees.
 */
final class QueueEventSource implements AutoCloseable {
  /** Lambda long-polls with the longest wait SQS allows. */
  /**
   * Lambda's pollers wait up to 20 s a receive. Locally 2 s: ElasticMQ waits for the receives in
   * flight when it stops, and a stack that takes twenty seconds to stop after Ctrl-C looks hung.
   */
  private static final int LONG_POLL_SECONDS = 2;
  private static final int MAX_PER_RECEIVE = 10;
  /**
   * Lambda closes a batch before its payload passes 6 MB. One more receive (ten messages of up to
   * 256 KB) must fit, so a batch stops growing at 6 MB less that.
   */
  private static final long STOP_GATHERING_BYTES = 6L * 1024 * 1024 - MAX_PER_RECEIVE * 256L * 1024;
  /** The system attributes Lambda puts first, in its order; any others follow. */
  private static final List<String> ATTRIBUTE_ORDER = List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId",
      "ApproximateFirstReceiveTimestamp");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsClient sqs;
  private final Template.QueueSource mapping;
  private final String queueUrl;
  private final String queueArn;
  private final FunctionPool function;
  private final Thread poller;
  private volatile boolean closed;

  private QueueEventSource(SqsClient sqs, Template.QueueSource mapping, String queueUrl, String queueArn,
      FunctionPool function) {
    this.sqs = sqs;
    this.mapping = mapping;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.function = function;
    this.poller = new Thread(this::poll, "sqs-" + mapping.functionId() + "-" + mapping.eventName());
    this.poller.setDaemon(true);
  }

  /**
   * Checks the mapping as Lambda's CreateEventSourceMapping does, then starts polling.
   *
   * @param functionTimeoutSeconds the function's Timeout, which the queue's visibility timeout must cover
   */
  static QueueEventSource start(SqsClient sqs, Template.QueueSource mapping, String queueUrl, int functionTimeoutSeconds,
      FunctionPool function) {
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
    check(mapping, Integer.parseInt(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)), functionTimeoutSeconds,
        queueUrl.endsWith(".fifo"));
    QueueEventSource source = new QueueEventSource(sqs, mapping, queueUrl, attributes.get(QueueAttributeName.QUEUE_ARN),
        function);
    source.poller.start();
    return source;
  }

  /** The limits Lambda holds a mapping to when it is created; a deployment would fail on them. */
  static void check(Template.QueueSource mapping, int visibilityTimeoutSeconds, int functionTimeoutSeconds,
      boolean fifo) {
    String where = mapping.functionId() + " event " + mapping.eventName() + ": ";
    int max = fifo ? 10 : 10_000;
    if (mapping.batchSize() < 1 || mapping.batchSize() > max) {
      throw new IllegalStateException(where + "BatchSize must be between 1 and " + max);
    }
    if (mapping.maximumBatchingWindowSeconds() < 0 || mapping.maximumBatchingWindowSeconds() > 300) {
      throw new IllegalStateException(where + "MaximumBatchingWindowInSeconds must be between 0 and 300");
    }
    if (fifo && mapping.maximumBatchingWindowSeconds() > 0) {
      throw new IllegalStateException(where + "Batching window is not supported for FIFO queues");
    }
    if (mapping.batchSize() > 10 && mapping.maximumBatchingWindowSeconds() < 1) {
      throw new IllegalStateException(where
          + "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    }
    if (visibilityTimeoutSeconds < functionTimeoutSeconds) {
      throw new IllegalStateException(where + "Queue visibility timeout: " + visibilityTimeoutSeconds
          + " seconds is less than Function timeout: " + functionTimeoutSeconds + " seconds");
    }
  }

  private void poll() {
    while (!closed) {
      try {
        List<Message> batch = gather();
        if (!batch.isEmpty() && !closed) {
          deliver(batch);
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        System.err.println("local stack: polling " + mapping.queueId() + " for " + mapping.functionId() + " failed: "
            + e.getClass().getSimpleName() + "; polling again in 1 s");
        sleep(1);
      }
    }
  }

  /**
   * One batch, as Lambda gathers it: the first receive waits for a message; with a batching window,
   * receives go on until BatchSize, the end of the window (counted from the first message) or the
   * payload limit; without one, the first receive's messages are the batch.
   */
  private List<Message> gather() {
    List<Message> batch = new ArrayList<>();
    long bytes = 0;
    long deadline = 0;
    while (!closed) {
      int wait;
      if (batch.isEmpty()) {
        wait = LONG_POLL_SECONDS;
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait = (int) Math.min(LONG_POLL_SECONDS, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999)));
      }
      int wanted = Math.min(MAX_PER_RECEIVE, mapping.batchSize() - batch.size());
      int waitSeconds = wait;
      List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(wanted)
          .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
          .messageAttributeNames("All")).messages();
      if (batch.isEmpty()) {
        if (received.isEmpty()) {
          continue;
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(mapping.maximumBatchingWindowSeconds());
      }
      batch.addAll(received);
      for (Message m : received) {
        bytes += m.body().getBytes(StandardCharsets.UTF_8).length;
      }
      if (batch.size() >= mapping.batchSize() || mapping.maximumBatchingWindowSeconds() == 0
          || bytes >= STOP_GATHERING_BYTES) {
        break;
      }
    }
    return batch;
  }

  /** Logs name the function, the queue, counts and message ids: never a body. */
  private void deliver(List<Message> batch) {
    Outcome outcome = function.invoke(event(batch, queueArn));
    if (outcome instanceof Outcome.Failure failure) {
      System.err.printf("local stack: %s failed on a batch of %d from %s (%s); the messages return after the"
          + " visibility timeout%n", mapping.functionId(), batch.size(), mapping.queueId(), failure.errorType());
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    batch.forEach(m -> ids.add(m.messageId()));
    Set<String> failed = Set.of();
    if (mapping.reportBatchItemFailures()) {
      Optional<Set<String>> reported = reportedFailures(((Outcome.Response) outcome).payload(), ids);
      if (reported.isEmpty()) {
        System.err.printf("local stack: %s answered a batch response Lambda cannot use (not a JSON object, or an"
            + " itemIdentifier that is no message of the batch): all %d messages from %s return after the visibility"
            + " timeout%n", mapping.functionId(), batch.size(), mapping.queueId());
        return;
      }
      failed = reported.get();
      if (!failed.isEmpty()) {
        System.err.printf("local stack: %s reported %d of %d messages from %s as failed: %s%n", mapping.functionId(),
            failed.size(), batch.size(), mapping.queueId(), failed);
      }
    }
    Set<String> keep = failed;
    delete(batch.stream().filter(m -> !keep.contains(m.messageId())).toList());
  }

  private void delete(List<Message> handled) {
    for (int from = 0; from < handled.size(); from += MAX_PER_RECEIVE) {
      List<Message> chunk = handled.subList(from, Math.min(handled.size(), from + MAX_PER_RECEIVE));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
            .receiptHandle(chunk.get(i).receiptHandle()).build());
      }
      var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      response.failed().forEach(f -> System.err.println("local stack: could not delete message "
          + chunk.get(Integer.parseInt(f.id())).messageId() + " from " + mapping.queueId() + ": " + f.code()));
    }
  }

  /**
   * The event Lambda sends for a batch: {@code {"Records":[...]}}, each record with the message's
   * id, receipt handle, body, system attributes, message attributes, body MD5, and where it came from.
   */
  static byte[] event(List<Message> batch, String queueArn) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message m : batch) {
      ObjectNode record = records.addObject();
      record.put("messageId", m.messageId());
      record.put("receiptHandle", m.receiptHandle());
      record.put("body", m.body());
      ObjectNode attributes = record.putObject("attributes");
      Map<String, String> system = m.attributesAsStrings();
      ATTRIBUTE_ORDER.stream().filter(system::containsKey).forEach(name -> attributes.put(name, system.get(name)));
      system.forEach((name, value) -> {
        if (!attributes.has(name)) {
          attributes.put(name, value);
        }
      });
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      m.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
      record.put("md5OfBody", m.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", Endpoints.REGION);
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode attribute = JSON.createObjectNode();
    if (value.stringValue() != null) {
      attribute.put("stringValue", value.stringValue());
    }
    if (value.binaryValue() != null) {
      attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
    }
    ArrayNode strings = attribute.putArray("stringListValues");
    value.stringListValues().forEach(strings::add);
    ArrayNode binaries = attribute.putArray("binaryListValues");
    value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
    attribute.put("dataType", value.dataType());
    return attribute;
  }

  /**
   * The messages a partial batch response names as failed, read as Lambda reads it. No payload,
   * {@code null}, or an empty or absent {@code batchItemFailures}: none failed. A payload that is
   * not a JSON object, or an item whose {@code itemIdentifier} is missing, empty, not a string or
   * no message of the batch: the whole batch failed.
   */
  static Set<String> failedItems(byte[] payload, Set<String> batchIds) {
    return reportedFailures(payload, batchIds).orElse(batchIds);
  }

  /** The failures a response reports, or nothing if Lambda could not use it. */
  private static Optional<Set<String>> reportedFailures(byte[] payload, Set<String> batchIds) {
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    if (text.isEmpty() || text.equals("null")) {
      return Optional.of(Set.of());
    }
    JsonNode response;
    try {
      response = JSON.readTree(text);
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (!response.isObject()) {
      return Optional.empty();
    }
    JsonNode failures = response.get("batchItemFailures");
    if (failures == null || failures.isNull()) {
      return Optional.of(Set.of());
    }
    if (!failures.isArray()) {
      return Optional.empty();
    }
    Set<String> failed = new LinkedHashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || !batchIds.contains(id.asText())) {
        return Optional.empty();
      }
      failed.add(id.asText());
    }
    return Optional.of(failed);
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
    try {
      // A long poll in flight ends by itself; its messages come back after the visibility timeout.
      poller.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
