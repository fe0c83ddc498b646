package se.npprod.privacy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The triggers of template.yaml besides HTTP: a poller for every enabled SQS event source mapping,
 * and the EventBridge bus with its rules (always running: with no rules, nothing is invoked).
 */
final class EventSources implements AutoCloseable {
  private final AsyncInvoker invoker;
  private final EventBus bus;
  private final SqsClient sqs;
  private final List<QueueEventSource> queues;

  private EventSources(AsyncInvoker invoker, EventBus bus, SqsClient sqs, List<QueueEventSource> queues) {
    this.invoker = invoker;
    this.bus = bus;
    this.sqs = sqs;
    this.queues = queues;
  }

  /** @param functions the started execution environments of every function, by logical id */
  static EventSources start(LocalCloud cloud, Map<String, FunctionPool> functions) {
    Template template = cloud.template();
    AsyncInvoker invoker = new AsyncInvoker();
    SqsClient sqs = cloud.emulators().endpoints().sqsClient();
    List<QueueEventSource> queues = new ArrayList<>();
    EventBus bus = null;
    try {
      bus = EventBus.start(template.eventRules(), functions, invoker);
      for (Template.QueueSource source : template.queueSources()) {
        if (!source.enabled()) {
          continue;
        }
        Template.Function function = template.functions().stream()
            .filter(f -> f.logicalId().equals(source.functionId())).findFirst().orElseThrow();
        queues.add(QueueEventSource.start(sqs, source, cloud.physicalName(source.queueId()),
            function.timeoutSeconds(), functions.get(source.functionId())));
      }
      return new EventSources(invoker, bus, sqs, queues);
    } catch (IOException e) {
      close(invoker, bus, sqs, queues);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close(invoker, bus, sqs, queues);
      throw e;
    }
  }

  /** The bus's endpoint, for {@code AWS_ENDPOINT_URL_EVENTBRIDGE}. */
  String eventBusUrl() {
    return bus.url();
  }

  AsyncInvoker asyncInvoker() {
    return invoker;
  }

  private static void close(AsyncInvoker invoker, EventBus bus, SqsClient sqs, List<QueueEventSource> queues) {
    queues.forEach(QueueEventSource::close);
    if (bus != null) {
      bus.close();
    }
    invoker.close();
    sqs.close();
  }

  @Override
  public void close() {
    close(invoker, bus, sqs, queues);
  }
}
