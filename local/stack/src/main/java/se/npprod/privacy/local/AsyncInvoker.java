package se.npprod.privacy.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import se.npprod.privacy.local.RuntimeApi.Outcome;

/**
 * Lambda's asynchronous invocation, as EventBridge (and S3, SES, SNS) invoke functions: the caller
 * is done once the event is queued; a function error or timeout is retried twice, then the event is
 * dropped. Lambda waits about a minute before the first retry and two before the second; here the
 * waits are seconds, so that a retry shows while someone is watching. Nothing is sent to an
 * on-failure destination: the templates declare none.
 */
final class AsyncInvoker implements AutoCloseable {
  /** Lambda's MaximumRetryAttempts default is 2: three attempts in all. */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private final List<Duration> retryDelays;
  /** An invocation waits for an idle execution environment, so invocations get threads of their own. */
  private final ExecutorService invocations = Executors.newCachedThreadPool(daemon("async-invoke"));
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("async-retry"));
  /** Invocations queued, running or waiting for a retry. */
  private final AtomicInteger pending = new AtomicInteger();

  AsyncInvoker() {
    this(RETRY_DELAYS);
  }

  AsyncInvoker(List<Duration> retryDelays) {
    this.retryDelays = List.copyOf(retryDelays);
  }

  /**
   * Queues one event for the function and returns at once.
   *
   * @param what names the event for the log (a source and an id, never its contents: events carry personal data)
   */
  void invoke(FunctionPool pool, byte[] event, String what) {
    pending.incrementAndGet();
    attempt(pool, event, what, 0);
  }

  /** True when nothing is queued, running or waiting for a retry. */
  boolean idle() {
    return pending.get() == 0;
  }

  private void attempt(FunctionPool pool, byte[] event, String what, int retry) {
    try {
      invocations.execute(() -> {
        Outcome outcome = pool.invoke(event);
        if (!(outcome instanceof Outcome.Failure failure)) {
          pending.decrementAndGet();
        } else if (retry < retryDelays.size()) {
          Duration delay = retryDelays.get(retry);
          System.err.printf("local stack: %s to %s failed (%s); retry %d of %d in %d ms%n", what, pool.functionId(),
              failure.errorType(), retry + 1, retryDelays.size(), delay.toMillis());
          schedule(() -> attempt(pool, event, what, retry + 1), delay);
        } else {
          pending.decrementAndGet();
          System.err.printf("local stack: %s to %s failed (%s) after %d attempts; dropped, as Lambda drops it"
              + " when no on-failure destination is set%n", what, pool.functionId(), failure.errorType(), retry + 1);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.decrementAndGet();
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      retries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.decrementAndGet();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    retries.shutdownNow();
    invocations.shutdownNow();
  }
}
