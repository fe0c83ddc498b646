package se.npprod.privacy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.cloud.Template;

/**
 * The execution environments of one function: a few JVMs under the Lambda runtime, each with its
 * own Runtime API, one invocation at a time each. An environment that runs past the function's
 * Timeout (from template.yaml) is killed and replaced by a fresh cold start, as Lambda does; one
 * whose JVM exits is replaced too.
 */
final class FunctionPool implements AutoCloseable {
  /** How long a start may take here before it counts as failed (Lambda's own limit is 10 s, then it retries). */
  private static final Duration INIT_LIMIT = Duration.ofSeconds(60);

  private record Environment(RuntimeApi api, FunctionProcess process) {}

  private final LambdaHost host;
  private final Template.Function function;
  private final Map<String, String> templateEnvironment;
  private final BlockingQueue<Environment> idle = new LinkedBlockingQueue<>();
  private final Set<Environment> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private FunctionPool(LambdaHost host, Template.Function function, Map<String, String> templateEnvironment) {
    this.host = host;
    this.function = function;
    this.templateEnvironment = Map.copyOf(templateEnvironment);
  }

  /**
   * Starts {@code size} environments at once and waits until each has finished its init (asked
   * for its first event); if one reports an init error, stops them all and throws it.
   */
  static FunctionPool start(LambdaHost host, Template.Function function, Map<String, String> templateEnvironment,
      int size) {
    FunctionPool pool = new FunctionPool(host, function, templateEnvironment);
    try {
      List<Environment> starting = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        starting.add(pool.launch());
      }
      for (Environment environment : starting) {
        pool.awaitInit(environment);
        pool.idle.add(environment);
      }
      return pool;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  String functionId() {
    return function.logicalId();
  }

  /** Runs one event on an idle environment; a timeout or a crash comes back as a {@link Outcome.Failure}. */
  Outcome invoke(byte[] event) {
    Environment environment;
    try {
      environment = idle.poll(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Failure("Runtime.Unavailable", "interrupted");
    }
    if (environment == null) {
      return new Outcome.Failure("Runtime.Unavailable", "no execution environment became ready");
    }
    Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
    try {
      Outcome outcome = environment.api().invoke(event, timeout).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      release(environment);
      return outcome;
    } catch (TimeoutException e) {
      environment.process().kill();
      replace(environment);
      return new Outcome.Failure("Sandbox.Timedout",
          String.format(java.util.Locale.ROOT, "Task timed out after %.2f seconds", (double) function.timeoutSeconds()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      replace(environment);
      return new Outcome.Failure("Runtime.Unavailable", "interrupted");
    } catch (ExecutionException e) {
      replace(environment);
      return new Outcome.Failure("Runtime.Unknown", String.valueOf(e.getCause()));
    }
  }

  private void release(Environment environment) {
    if (environment.process().isAlive() && !closed) {
      idle.add(environment);
    } else {
      replace(environment);
    }
  }

  /** A fresh cold start in place of an environment that is gone, in the background. */
  private void replace(Environment gone) {
    all.remove(gone);
    gone.process().close();
    gone.api().close();
    if (closed) {
      return;
    }
    Thread restart = new Thread(() -> {
      try {
        Environment fresh = launch();
        awaitInit(fresh);
        if (closed) {
          stop(fresh);
        } else {
          idle.add(fresh);
        }
      } catch (RuntimeException e) {
        System.err.println("local stack: " + function.logicalId() + " could not restart: " + e.getMessage());
      }
    }, "restart-" + function.logicalId());
    restart.setDaemon(true);
    restart.start();
  }

  private Environment launch() {
    RuntimeApi api;
    try {
      api = new RuntimeApi(function.logicalId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String prefix = "[" + function.logicalId() + "] ";
    FunctionProcess process = FunctionProcess.start(host, function, templateEnvironment, api,
        line -> System.err.println(prefix + line));
    Environment environment = new Environment(api, process);
    all.add(environment);
    // A JVM that exits (System.exit, out of memory, killed) fails what it was running.
    process.onExit().thenRun(() -> api.abandon("Runtime.ExitError", "the function's JVM exited"));
    return environment;
  }

  private void awaitInit(Environment environment) {
    try {
      environment.api().initialised().get(INIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      stop(environment);
      throw new IllegalStateException(function.logicalId() + " failed to start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      stop(environment);
      throw new IllegalStateException(function.logicalId() + " did not finish its init within " + INIT_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(environment);
      throw new IllegalStateException(e);
    }
  }

  private void stop(Environment environment) {
    all.remove(environment);
    environment.process().close();
    environment.api().close();
  }

  @Override
  public void close() {
    closed = true;
    idle.clear();
    stopAll(List.of(this));
  }

  /**
   * Stops every environment of the pools at once: a JVM may take seconds to go, and one after
   * another a stack of several functions would take a minute to stop.
   */
  static void stopAll(List<FunctionPool> pools) {
    List<Thread> stopping = new java.util.ArrayList<>();
    for (FunctionPool pool : pools) {
      pool.closed = true;
      pool.idle.clear();
      for (Environment environment : List.copyOf(pool.all)) {
        Thread t = new Thread(() -> pool.stop(environment), "stop-" + pool.functionId());
        t.start();
        stopping.add(t);
      }
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
