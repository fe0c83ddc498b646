package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS event source's halves that need no function: the event it builds from messages ElasticMQ
 * really returns, read back as the Lambda runtime reads it, and partial batch responses read as
 * Lambda reads them.
 */
@ExtendWith(EmulatorsExtension.class)
class QueueEventSourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BATCH = Set.of("id-1", "id-2", "id-3");

  @Test
  void buildsTheEventLambdaSendsDeserialisableAsSqsEvent(Emulators emulators) throws Exception {
    byte[] blob = {0, 1, 2, (byte) 0xff};
    try (SqsClient sqs = emulators.endpoints().sqsClient()) {
      String url = sqs.createQueue(b -> b.queueName("EventShape-" + UUID.randomUUID())).queueUrl();
      String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"requestId\":\"r-1\"}").messageAttributes(Map.of(
          "kind", MessageAttributeValue.builder().dataType("String").stringValue("erasure").build(),
          "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(blob)).build())));
      List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();

      byte[] event = QueueEventSource.event(received, arn);

      JsonNode record = JSON.readTree(event).get("Records").get(0);
      assertThat(fieldNames(record)).containsExactly("messageId", "receiptHandle", "body", "attributes",
          "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
      assertThat(fieldNames(record.get("attributes"))).startsWith("ApproximateReceiveCount", "SentTimestamp",
          "SenderId", "ApproximateFirstReceiveTimestamp");
      assertThat(record.at("/messageAttributes/kind").toString()).isEqualTo(
          "{\"stringValue\":\"erasure\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}");
      SQSEvent.SQSMessage message = LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
          .fromJson(new String(event, StandardCharsets.UTF_8)).getRecords().get(0);
      assertThat(message.getMessageId()).isEqualTo(received.get(0).messageId());
      assertThat(message.getReceiptHandle()).isEqualTo(received.get(0).receiptHandle());
      assertThat(message.getBody()).isEqualTo("{\"requestId\":\"r-1\"}");
      assertThat(message.getMd5OfBody()).isEqualTo(received.get(0).md5OfBody());
      assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
          .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
      assertThat(message.getMessageAttributes().get("kind").getStringValue()).isEqualTo("erasure");
      assertThat(message.getMessageAttributes().get("blob").getDataType()).isEqualTo("Binary");
      assertThat(message.getMessageAttributes().get("blob").getBinaryValue()).isEqualTo(ByteBuffer.wrap(blob));
      assertThat(message.getEventSource()).isEqualTo("aws:sqs");
      assertThat(message.getEventSourceArn()).isEqualTo(arn);
      assertThat(message.getAwsRegion()).isEqualTo("eu-north-1");
    }
  }

  @Test
  void readsTheFailuresOfAnSqsBatchResponseAsTheRuntimeWritesIt() {
    SQSBatchResponse response = new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("id-2")));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader()).toJson(response, json);

    assertThat(QueueEventSource.failedItems(json.toByteArray(), BATCH)).containsExactly("id-2");
  }

  @Test
  void takesNoResponseNullOrNoFailuresAsTheWholeBatchDone() {
    for (String payload : List.of("", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}")) {
      assertThat(QueueEventSource.failedItems(payload.getBytes(StandardCharsets.UTF_8), BATCH)).as(payload).isEmpty();
    }
  }

  @Test
  void failsTheWholeBatchOnAnItemIdentifierItCannotUseOrAMalformedResponse() {
    for (String payload : List.of("{\"batchItemFailures\":[{\"itemIdentifier\":\"id-9\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"id-1\"},{\"itemIdentifier\":\"\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"id\":\"id-1\"}]}",
        "{\"batchItemFailures\":[\"id-1\"]}", "{\"batchItemFailures\":\"id-1\"}", "not json", "\"done\"", "[]")) {
      assertThat(QueueEventSource.failedItems(payload.getBytes(StandardCharsets.UTF_8), BATCH)).as(payload)
          .containsExactlyInAnyOrderElementsOf(BATCH);
    }
  }

  @Test
  void refusesMappingsThatLambdaWouldRefuse() {
    Template.QueueSource ten = new Template.QueueSource("Worker", "Work", "WorkQueue", 10, 0, true, true, 0);
    Template.QueueSource many = new Template.QueueSource("Worker", "Work", "WorkQueue", 100, 0, true, true, 0);
    Template.QueueSource windowed = new Template.QueueSource("Worker", "Work", "WorkQueue", 10, 5, true, true, 0);

    QueueEventSource.check(ten, 30, 30, false);
    assertThatThrownBy(() -> QueueEventSource.check(ten, 30, 60, false))
        .hasMessageContaining("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
    assertThatThrownBy(() -> QueueEventSource.check(many, 30, 30, false))
        .hasMessageContaining("must be greater than 0 if maximum batch size is greater than 10");
    assertThatThrownBy(() -> QueueEventSource.check(windowed, 30, 30, true))
        .hasMessageContaining("Batching window is not supported for FIFO queues");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
