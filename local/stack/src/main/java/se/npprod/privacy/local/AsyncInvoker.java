package se.npprod.privacy.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import se.npprod.privacy.local.RuntimeApi.Outcome;

/**
 * Lambda's asynchronous invocation (InvocationType {@code Event}), as SES, EventBridge and S3
 * notifications use it: the caller hands the event over and goes on at once; the function runs
 * later, and an invocation that fails is retried twice more before the event is given up.
 *
 * <p>Lambda waits about a minute before the first retry and about two before the second; here the
 * waits are {@link #LOCAL_RETRY_DELAYS} (1 s and 2 s), so that a test sees all three attempts. No
 * dead-letter queue or on-failure destination is played yet: a given-up event is only logged, by
 * the id the caller gives (an SES message id, an EventBridge event id), never by its contents.
 */
final class AsyncInvoker implements AutoCloseable {
  /** The function that runs the event: {@code FunctionPool::invoke}, or a stand-in in tests. */
  @FunctionalInterface
  interface Target {
    Outcome invoke(byte[] event);
  }

  /** Lambda retries an asynchronous invocation twice; these are the waits before each retry. */
  static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private final List<Duration> retryDelays;
  private final Consumer<String> log;
  /** Invocations queued, running or waiting for a retry. */
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
  private final ExecutorService running = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "async-invoke");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService waiting = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "async-invoke-retry");
    t.setDaemon(true);
    return t;
  });

  AsyncInvoker() {
    this(LOCAL_RETRY_DELAYS, System.err::println);
  }

  /** @param log where a retry or a given-up event is reported (one line each, no event contents) */
  AsyncInvoker(List<Duration> retryDelays, Consumer<String> log) {
    this.retryDelays = List.copyOf(retryDelays);
    this.log = log;
  }

  /**
   * Queues {@code event} for {@code functionId} and returns at once. The future completes with the
   * last attempt's outcome, after the retries; callers that play AWS ignore it, as AWS gives the
   * sender nothing back.
   *
   * @param eventId what the log names the event by; it must not be personal data
   */
  CompletableFuture<Outcome> submit(String functionId, Target target, byte[] event, String eventId) {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    pending.incrementAndGet();
    done.whenComplete((outcome, error) -> pending.decrementAndGet());
    attempt(functionId, target, event, eventId, 0, done);
    return done;
  }

  /** Queues one event for a function of the stack and returns at once (EventBridge's delivery). */
  void invoke(FunctionPool pool, byte[] event, String what) {
    submit(pool.functionId(), pool::invoke, event, what);
  }

  /** True when nothing is queued, running or waiting for a retry. */
  boolean idle() {
    return pending.get() == 0;
  }

  private void attempt(String functionId, Target target, byte[] event, String eventId, int retry,
      CompletableFuture<Outcome> done) {
    try {
      running.execute(() -> {
        Outcome outcome;
        try {
          outcome = target.invoke(event);
        } catch (RuntimeException e) {
          outcome = new Outcome.Failure("Runtime.Unknown", e.getClass().getSimpleName());
        }
        if (outcome instanceof Outcome.Failure failure) {
          if (retry < retryDelays.size()) {
            Duration delay = retryDelays.get(retry);
            log.accept("local stack: async invocation of " + functionId + " failed (" + failure.errorType()
                + ") for event " + eventId + "; retry " + (retry + 1) + " of " + retryDelays.size() + " in "
                + delay.toMillis() + " ms");
            schedule(() -> attempt(functionId, target, event, eventId, retry + 1, done), delay, done, failure);
            return;
          }
          log.accept("local stack: async invocation of " + functionId + " failed (" + failure.errorType()
              + ") for event " + eventId + " after " + (retry + 1) + " attempts; event dropped (no on-failure"
              + " destination locally)");
        }
        done.complete(outcome);
      });
    } catch (RejectedExecutionException closed) {
      done.complete(new Outcome.Failure("Runtime.Unavailable", "the local stack is stopping"));
    }
  }

  private void schedule(Runnable retry, Duration delay, CompletableFuture<Outcome> done, Outcome lastOutcome) {
    try {
      waiting.schedule(retry, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      done.complete(lastOutcome);
    }
  }

  @Override
  public void close() {
    waiting.shutdownNow();
    running.shutdownNow();
  }
}
