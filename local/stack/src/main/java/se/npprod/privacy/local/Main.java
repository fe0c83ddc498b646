package se.npprod.privacy.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * {@code serve [--port 3000]}: the local stack until Ctrl-C.
 * {@code invoke <FunctionLogicalId> <event.json>}: one cold start and one invocation, in a fresh
 * JVM under the Lambda Runtime Interface Client.
 * {@code put-event <file.json>}: events onto a running stack's EventBridge bus ({@link PutEventCommand}).
 * {@code run-schedule <FunctionLogicalId> [yyyy-mm-dd]}: a schedule of the running stack, once, now
 * ({@link RunScheduleCommand}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "serve" : args[0];
    switch (mode) {
      case "serve" -> serve(args.length >= 3 && args[1].equals("--port") ? Integer.parseInt(args[2]) : 3000);
      case "invoke" -> {
        if (args.length != 3) {
          usage();
        }
        System.exit(invoke(args[1], Path.of(args[2])));
      }
      case "put-event" -> {
        if (args.length != 2) {
          usage();
        }
        System.exit(PutEventCommand.run(Path.of(args[1]), System.getenv(), RepoRoot.find()));
      }
      case "run-schedule" -> {
        if (args.length != 2 && args.length != 3) {
          usage();
        }
        System.exit(RunScheduleCommand.run(args[1], args.length == 3 ? args[2] : null, RepoRoot.find(), System.out,
            System.err));
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: serve [--port 3000] | invoke <FunctionLogicalId> <event.json> | put-event <file.json>"
        + " | run-schedule <FunctionLogicalId> [yyyy-mm-dd]");
    System.exit(2);
  }

  private static void serve(int port) throws InterruptedException {
    LocalStack stack = LocalStack.start(port);
    Path root = RepoRoot.find();
    StackFile.write(root, stack);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nStopping the local stack...");
      StackFile.delete(root);
      stack.close();
      stopped.countDown();
    }, "local-stack-shutdown"));
    var endpoints = stack.cloud().emulators().endpoints();
    System.out.println("""

        NP Produkter privacy system, local stack
          Demo shop:        %1$s/
          Privacy page:     %1$s/integritet.html
          Consent API:      %1$s/consent  (GET %1$s/consent/config)
          Requests:         %1$s/requests  (the form on the privacy page; links in mail lead to %1$s/requests/…)
          DynamoDB (dynoxide): %2$s   table PrivacyTable
          SQS (ElasticMQ):     %3$s
          SES (aws-ses-v2-local): %4$s   sent mail: %4$s/store
          S3 (s3rver):         %5$s
          EventBridge (PutEvents): %6$s   ./dev put-event <file.json>
        %7$s%8$s%9$sCtrl-C stops everything.
        """.formatted(stack.baseUrl(), endpoints.dynamoDb(), endpoints.sqs(), endpoints.ses(), endpoints.s3(),
        stack.eventBusUrl(), stack.smtpInbox().map(Main::mailLine).orElse(""),
        stack.demoSystemsUrl().map(u -> "  Webshop, CRM and newsletter (demo systems for extracts and erasures): " + u + "\n").orElse(""),
        scheduleLines(stack.scheduler())));
    stopped.await();
  }

  /** Each schedule, when it fires next, and how to run one now. */
  private static String scheduleLines(LocalScheduler scheduler) {
    StringBuilder lines = new StringBuilder();
    for (Schedule s : scheduler.schedules()) {
      lines.append("  Schedule ").append(s.id()).append(": ").append(s.describe()).append(", ")
          .append(scheduler.next(s).map(t -> "next " + t).orElse(s.enabled() ? "no time left" : "DISABLED"))
          .append('\n');
    }
    if (!lines.isEmpty()) {
      lines.append("    run one now: ./dev run-schedule <FunctionLogicalId> [yyyy-mm-dd]\n");
    }
    return lines.toString();
  }

  /** Where to send mail, and to whom the receipt rules take it. */
  private static String mailLine(SmtpInbox inbox) {
    String to = inbox.recipients().isEmpty() ? "any recipient" : String.join(", ", inbox.recipients());
    return "  Mail in (SMTP): 127.0.0.1:" + inbox.port() + "  \u2192 " + to + "\n";
  }

  private static int invoke(String functionId, Path eventFile) throws IOException {
    try (LocalCloud cloud = LocalCloud.start().parameter(LocalStack.PUBLIC_API_URL, "http://localhost:3000")
        .parameter(LocalStack.PRIVACY_TEAM_ADDRESS, LocalStack.LOCAL_PRIVACY_TEAM)) {
      ColdInvoke.Result r = ColdInvoke.run(cloud, functionId, eventFile);
      System.out.println(r.response());
      System.err.println(r.timings());
      System.err.printf("function code %s (%.1f MB)%n", r.code().getFileName(), r.codeBytes() / 1_048_576.0);
      return r.succeeded() ? 0 : 1;
    }
  }
}
