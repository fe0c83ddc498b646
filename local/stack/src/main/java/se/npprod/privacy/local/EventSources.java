package se.npprod.privacy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The triggers of template.yaml besides HTTP: a poller for every enabled SQS event source mapping,
 * the EventBridge bus with its rules, and the scheduler with its schedules and control endpoint
 * (bus and scheduler always running: with no rules or schedules, nothing is invoked).
 */
final class EventSources implements AutoCloseable {
  private final AsyncInvoker invoker;
  private final EventBus bus;
  private final SqsClient sqs;
  private final List<QueueEventSource> queues;
  private final LocalScheduler scheduler;
  private final ScheduleControl scheduleControl;

  private EventSources(AsyncInvoker invoker, EventBus bus, SqsClient sqs, List<QueueEventSource> queues,
      LocalScheduler scheduler, ScheduleControl scheduleControl) {
    this.invoker = invoker;
    this.bus = bus;
    this.sqs = sqs;
    this.queues = queues;
    this.scheduler = scheduler;
    this.scheduleControl = scheduleControl;
  }

  /** @param functions the started execution environments of every function, by logical id */
  static EventSources start(LocalCloud cloud, Map<String, FunctionPool> functions) {
    Template template = cloud.template();
    AsyncInvoker invoker = new AsyncInvoker();
    SqsClient sqs = cloud.emulators().endpoints().sqsClient();
    List<QueueEventSource> queues = new ArrayList<>();
    EventBus bus = null;
    LocalScheduler scheduler = null;
    ScheduleControl control = null;
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
      Map<String, AsyncInvoker.Target> targets = new LinkedHashMap<>();
      functions.forEach((id, pool) -> targets.put(id, pool::invoke));
      scheduler = new LocalScheduler(Schedules.from(template, cloud::ref), targets, invoker, Clock.systemUTC(),
          System.err::println);
      control = ScheduleControl.start(scheduler);
      scheduler.start();
      return new EventSources(invoker, bus, sqs, queues, scheduler, control);
    } catch (IOException e) {
      close(invoker, bus, sqs, queues, scheduler, control);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close(invoker, bus, sqs, queues, scheduler, control);
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

  LocalScheduler scheduler() {
    return scheduler;
  }

  /** The scheduler's control endpoint, for {@code ./dev run-schedule}. */
  String scheduleControlUrl() {
    return scheduleControl.url();
  }

  private static void close(AsyncInvoker invoker, EventBus bus, SqsClient sqs, List<QueueEventSource> queues,
      LocalScheduler scheduler, ScheduleControl control) {
    if (control != null) {
      control.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    queues.forEach(QueueEventSource::close);
    if (bus != null) {
      bus.close();
    }
    invoker.close();
    sqs.close();
  }

  @Override
  public void close() {
    close(invoker, bus, sqs, queues, scheduler, scheduleControl);
  }
}
