package se.npprod.privacy.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import se.npprod.privacy.local.RuntimeApi.Outcome;

/**
 * Plays EventBridge Scheduler for the template's schedules: at each of an enabled schedule's times
 * its function is invoked asynchronously through the {@link AsyncInvoker}, so that Lambda's two
 * retries apply as for every other asynchronous source; and any schedule, enabled or not, can be
 * run once on demand ({@code ./dev run-schedule}).
 *
 * <p>Time comes from a {@link Clock}. {@link #fireDue} fires what is due at a given instant; the
 * timer of {@link #start()} only calls it when the next time comes, so tests drive it directly.
 */
final class LocalScheduler implements AutoCloseable {
  /**
   * The longest the timer sleeps before looking at the clock again, so that a clock that jumps (a
   * laptop waking up) is noticed within this.
   */
  static final Duration LONGEST_SLEEP = Duration.ofSeconds(30);

  /** The outcome of an on-demand run, after Lambda's retries. */
  record Run(Schedule schedule, byte[] payload, Outcome outcome, int attempts) {}

  /** A schedule with its times and the next of them; {@code next} null when none is left. */
  private static final class Entry {
    final Schedule schedule;
    final ScheduleExpression times;
    Instant next;

    Entry(Schedule schedule, ScheduleExpression times, Instant next) {
      this.schedule = schedule;
      this.times = times;
      this.next = next;
    }
  }

  private final List<Schedule> schedules;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, AsyncInvoker.Target> functions;
  private final AsyncInvoker invoker;
  private final Clock clock;
  private final Consumer<String> log;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "scheduler");
    t.setDaemon(true);
    return t;
  });

  /**
   * The schedules are created now (a rate schedule without a StartDate fires at once, as the
   * Scheduler's does when it is created); nothing fires until {@link #start()} or {@link #fireDue}.
   *
   * @param functions the function each schedule targets, by logical id
   * @param log where each firing is told, one line each, naming the schedule, never the payload
   */
  LocalScheduler(List<Schedule> schedules, Map<String, AsyncInvoker.Target> functions, AsyncInvoker invoker,
      Clock clock, Consumer<String> log) {
    this.schedules = List.copyOf(schedules);
    this.functions = Map.copyOf(functions);
    this.invoker = invoker;
    this.clock = clock;
    this.log = log;
    // The Scheduler works to the second (and fires within the minute); so do the times it reports.
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    for (Schedule schedule : schedules) {
      if (!functions.containsKey(schedule.functionId())) {
        throw new IllegalStateException("schedule " + schedule.id() + " targets " + schedule.functionId()
            + ", which the local stack does not run");
      }
      if (schedule.enabled()) {
        ScheduleExpression times = schedule.times(created);
        entries.add(new Entry(schedule, times, times.firstAtOrAfter(created).orElse(null)));
      }
    }
  }

  /** Starts the timer that fires each schedule when its time comes. */
  LocalScheduler start() {
    arm();
    return this;
  }

  List<Schedule> schedules() {
    return schedules;
  }

  /** The next time {@code schedule} fires by itself; empty when disabled or past its last. */
  synchronized Optional<Instant> next(Schedule schedule) {
    return entries.stream().filter(e -> e.schedule.equals(schedule)).findFirst().map(e -> e.next);
  }

  /**
   * Fires every schedule due at {@code now}. A schedule that missed several of its times (the
   * machine slept) fires once, for the latest, rather than in a burst; the others are told.
   */
  synchronized void fireDue(Instant now) {
    for (Entry entry : entries) {
      if (entry.next == null || entry.next.isAfter(now)) {
        continue;
      }
      Instant due = entry.next;
      int missed = 0;
      for (Optional<Instant> later = entry.times.next(due); later.isPresent() && !later.get().isAfter(now);
          later = entry.times.next(due)) {
        due = later.get();
        missed++;
      }
      if (missed > 0) {
        log.accept("local stack: schedule " + entry.schedule.id() + " missed " + missed + " of its times while the"
            + " stack was not running them; firing once, for " + due);
      }
      fire(entry.schedule, due);
      entry.next = entry.times.next(due).orElse(null);
    }
  }

  private void fire(Schedule schedule, Instant scheduledTime) {
    String execution = executionId();
    byte[] payload = SchedulerEvent.payload(schedule, scheduledTime, execution);
    log.accept("local stack: schedule " + schedule.id() + " (" + schedule.describe() + ") fired for " + scheduledTime
        + ": " + schedule.functionId() + " invoked asynchronously, execution " + execution);
    invoker.submit(schedule.functionId(), functions.get(schedule.functionId()), payload,
        "schedule " + schedule.id() + " execution " + execution);
  }

  /**
   * Runs {@code schedule} once now, as a firing would (asynchronously, with Lambda's retries), and
   * completes when the last attempt has; {@code date}, if given, is added to the payload.
   *
   * @throws IllegalArgumentException if a date is given and the schedule's Input is not a JSON object
   */
  CompletableFuture<Run> runNow(Schedule schedule, Optional<LocalDate> date) {
    Instant now = clock.instant();
    String execution = executionId();
    byte[] payload = date.isPresent() ? SchedulerEvent.withDate(schedule, now, execution, date.get())
        : SchedulerEvent.payload(schedule, now, execution);
    log.accept("local stack: schedule " + schedule.id() + " run on demand" + date.map(d -> " for date " + d).orElse("")
        + ": " + schedule.functionId() + " invoked asynchronously, execution " + execution);
    AsyncInvoker.Target function = functions.get(schedule.functionId());
    AtomicInteger attempts = new AtomicInteger();
    return invoker.submit(schedule.functionId(), event -> {
      attempts.incrementAndGet();
      return function.invoke(event);
    }, payload, "schedule " + schedule.id() + " execution " + execution)
        .thenApply(outcome -> new Run(schedule, payload, outcome, attempts.get()));
  }

  /**
   * The schedule {@code name} means: a schedule's id ({@code Function.Event} or a resource's
   * logical id), or a function's logical id when that function has exactly one schedule.
   *
   * @throws IllegalArgumentException naming the schedules there are, if none or several match
   */
  Schedule find(String name) {
    for (Schedule schedule : schedules) {
      if (schedule.id().equals(name)) {
        return schedule;
      }
    }
    List<Schedule> ofFunction = schedules.stream().filter(s -> s.functionId().equals(name)).toList();
    if (ofFunction.size() == 1) {
      return ofFunction.get(0);
    }
    List<String> ids = (ofFunction.isEmpty() ? schedules : ofFunction).stream().map(Schedule::id).toList();
    throw new IllegalArgumentException((ofFunction.isEmpty() ? "no schedule or function with a schedule is named "
        + name : name + " has " + ofFunction.size() + " schedules; name one") + "; the schedules: "
        + (ids.isEmpty() ? "none" : String.join(", ", ids)));
  }

  /** An id for one firing, as the Scheduler's {@code <aws.scheduler.execution-id>} (e.g. d32c5kddcf5bb8c3). */
  private static String executionId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  private synchronized void arm() {
    Instant now = clock.instant();
    Optional<Instant> earliest = entries.stream().map(e -> e.next).filter(java.util.Objects::nonNull)
        .min(Instant::compareTo);
    if (earliest.isEmpty()) {
      return; // nothing left to fire
    }
    Duration wait = Duration.between(now, earliest.get());
    long millis = Math.max(0, Math.min(wait.toMillis(), LONGEST_SLEEP.toMillis()));
    try {
      timer.schedule(this::tick, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // the stack is stopping
    }
  }

  private void tick() {
    try {
      fireDue(clock.instant());
    } catch (RuntimeException e) {
      log.accept("local stack: the scheduler failed: " + e.getClass().getSimpleName());
    }
    arm();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
