package se.npprod.privacy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.core.erasure.ErasureTask;
import se.npprod.privacy.core.port.Unavailable;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

@ExtendWith(EmulatorsExtension.class)
class SqsErasureQueueTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SqsClient sqs;
  private String queueUrl;
  private SqsErasureQueue queue;

  @BeforeEach
  void createQueue(LocalCloud cloud) {
    sqs = cloud.emulators().endpoints().sqsClient();
    queueUrl = sqs.createQueue(b -> b.queueName("erasure-test-" + UUID.randomUUID())).queueUrl();
    queue = new SqsErasureQueue(sqs, queueUrl);
  }

  /** Everything on the queue; each message stays invisible long enough to be received once. */
  private List<Map<String, String>> drain() throws Exception {
    List<Map<String, String>> bodies = new ArrayList<>();
    while (true) {
      List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .visibilityTimeout(60).waitTimeSeconds(0)).messages();
      if (messages.isEmpty()) {
        return bodies;
      }
      for (Message m : messages) {
        bodies.add(JSON.readValue(m.body(), new TypeReference<Map<String, String>>() {}));
      }
    }
  }

  private static List<ErasureTask> tasks(String requestId, int count) {
    return IntStream.range(0, count).mapToObj(i -> new ErasureTask(requestId, "system-" + i)).toList();
  }

  @Test
  void everyTaskArrivesAsOneMessageNamingTheRequestAndTheSystem() throws Exception {
    queue.send(tasks("req-23", 23));

    assertThat(drain()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 23)
        .mapToObj(i -> Map.of("requestId", "req-23", "system", "system-" + i)).toList());
  }

  @Test
  void aPlanIsOneMessageAskingForTheRequestToBePlanned() throws Exception {
    queue.plan("req-7");

    assertThat(drain()).containsExactly(Map.of("requestId", "req-7", "action", "plan"));
  }

  @Test
  void entriesTheQueueDidNotAcceptAreSentAgain() {
    FlakyBatches flaky = new FlakyBatches(List.of("3", "7"), 1);

    new SqsErasureQueue(flaky, queueUrl).send(tasks("req-9", 10));

    assertThat(flaky.sent).hasSize(10);
    assertThat(flaky.calls).isEqualTo(2);
  }

  @Test
  void entriesTheQueueKeepsRefusingMakeTheQueueUnavailable() {
    FlakyBatches flaky = new FlakyBatches(List.of("4"), Integer.MAX_VALUE);

    assertThatThrownBy(() -> new SqsErasureQueue(flaky, queueUrl).send(tasks("req-9", 12)))
        .isInstanceOfSatisfying(Unavailable.class, e -> assertThat(e.dependency()).isEqualTo("queue"))
        .hasMessageNotContaining("req-9");
    assertThat(flaky.calls).isEqualTo(SqsErasureQueue.ROUNDS);
    assertThat(flaky.sent).hasSize(9);
  }

  /**
   * An SQS that, for a number of calls, accepts every entry but the ones with the given ids, as
   * SQS does when some entries of a batch are throttled.
   */
  private static final class FlakyBatches implements SqsClient {
    private final List<String> refused;
    private final int refusingCalls;
    final List<String> sent = new ArrayList<>();
    int calls;

    FlakyBatches(List<String> refused, int refusingCalls) {
      this.refused = refused;
      this.refusingCalls = refusingCalls;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
      calls++;
      List<BatchResultErrorEntry> failed = new ArrayList<>();
      request.entries().forEach(e -> {
        if (calls <= refusingCalls && refused.contains(e.id())) {
          failed.add(BatchResultErrorEntry.builder().id(e.id()).code("RequestThrottled").senderFault(false).build());
        } else {
          sent.add(e.messageBody());
        }
      });
      return SendMessageBatchResponse.builder().failed(failed).build();
    }

    @Override
    public String serviceName() {
      return "sqs";
    }

    @Override
    public void close() {}
  }
}
