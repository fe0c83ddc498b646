package se.npprod.privacy.local;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import se.npprod.privacy.local.cloud.LocalContext;

/**
 * Runs in a fresh JVM with only the function's jar (plus the runtime's serialisation library):
 * one cold start and one invocation, like {@code sam local invoke -e}. The response goes to
 * stdout, the timings to stderr.
 */
public final class OneShot {
  private OneShot() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: OneShot <functionName> <handlerClass> <event.json>");
      System.exit(2);
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    byte[] event = Files.readAllBytes(Path.of(args[2]));
    long t0 = System.nanoTime();
    LambdaInvoker invoker = LambdaInvoker.load(args[1]);
    long t1 = System.nanoTime();
    byte[] response = invoker.invoke(event, new LocalContext(args[0], 30));
    long t2 = System.nanoTime();
    System.out.println(new String(response, java.nio.charset.StandardCharsets.UTF_8));
    System.err.printf("cold start: init %d ms, first invoke %d ms, JVM start to response %d ms%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, System.currentTimeMillis() - jvmStart);
  }
}
