package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.RuntimeApi.Outcome;

class AsyncInvokerTest {
  private static final List<Duration> QUICK = List.of(Duration.ofMillis(10), Duration.ofMillis(20));

  @Test
  void retriesAFailingInvocationTwiceThenGivesUpLoggingOnlyTheEventId() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    try (AsyncInvoker invoker = new AsyncInvoker(QUICK, log::add)) {
      Outcome last = invoker.submit("IntakeFunction", event -> {
        attempts.incrementAndGet();
        return new Outcome.Failure("Runtime.UserException", "could not parse mail from kund@example.se");
      }, new byte[0], "msg-0001").get(5, TimeUnit.SECONDS);

      assertThat(last).isInstanceOf(Outcome.Failure.class);
    }

    assertThat(attempts).hasValue(3);
    assertThat(log).hasSize(3).allSatisfy(line -> assertThat(line).contains("IntakeFunction", "msg-0001")
        .doesNotContain("kund@example.se"));
    assertThat(log.get(2)).contains("after 3 attempts");
  }

  @Test
  void stopsRetryingOnceAnAttemptSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (AsyncInvoker invoker = new AsyncInvoker(QUICK, line -> { })) {
      Outcome last = invoker.submit("IntakeFunction", event -> attempts.incrementAndGet() == 1
          ? new Outcome.Failure("Sandbox.Timedout", "") : new Outcome.Response("ok".getBytes()), new byte[0], "msg-0002")
          .get(5, TimeUnit.SECONDS);

      assertThat(last).isInstanceOf(Outcome.Response.class);
    }
    assertThat(attempts).hasValue(2);
  }

  @Test
  void handsTheEventOverWithoutWaitingForTheFunction() throws Exception {
    CountDownLatch functionMayFinish = new CountDownLatch(1);
    try (AsyncInvoker invoker = new AsyncInvoker(QUICK, line -> { })) {
      var outcome = invoker.submit("IntakeFunction", event -> {
        try {
          functionMayFinish.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new Outcome.Response(new byte[0]);
      }, new byte[0], "msg-0003");

      assertThat(outcome).isNotDone();
      functionMayFinish.countDown();
      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(Outcome.Response.class);
    }
  }
}
