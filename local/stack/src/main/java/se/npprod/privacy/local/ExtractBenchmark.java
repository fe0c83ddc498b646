package se.npprod.privacy.local;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.aws.HttpExports;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.S3ExtractFiles;
import se.npprod.privacy.aws.SesOutbox;
import se.npprod.privacy.aws.SubjectTable;
import se.npprod.privacy.core.extract.BuildExtract;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.NewRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.request.SubmitRequest;
import se.npprod.privacy.core.request.VerificationLinks;
import se.npprod.privacy.core.subject.ActivityEvents;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.core.subject.RecordActivity;
import se.npprod.privacy.core.subject.SubjectKeys;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.policy.BundledPolicy;

/**
 * {@code ./dev bench extract}: prints how long a register extract takes to build, and how much
 * heap it needs, for a customer with 5,000 orders (each with an invoice), against the emulators
 * and the demo CRM and newsletter systems. A figure to watch, not a test: nothing passes or fails.
 */
public final class ExtractBenchmark {
  private static final int ORDERS = Integer.getInteger("bench.orders", 5000);
  private static final Policy POLICY = BundledPolicy.policy();

  private ExtractBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (LocalCloud cloud = LocalCloud.start(); DemoSystems demo = DemoSystems.start(POLICY)) {
      cloud.emulators().endpoints().environment().forEach(System::setProperty);
      cloud.emulators().endpoints().applyToSystemProperties();
      var dynamo = cloud.emulators().endpoints().dynamoDbClient();
      String table = cloud.physicalName("PrivacyTable");
      SubjectKeys keys = new SubjectKeys("bench-subject-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
      SubjectTable subjects = new SubjectTable(dynamo, table);
      RequestTable requests = new RequestTable(dynamo, table, POLICY.timezone());
      SesOutbox outbox = new SesOutbox(AwsClients.sesV2(), "NP Produkter <info@npprod.se>", Optional.empty());
      VerificationLinks links = VerificationLinks.under("http://localhost:3000");
      BuildExtract build = new BuildExtract(POLICY, requests, subjects,
          new HttpExports(demo::connectorSecret, Clock.systemUTC()),
          new S3ExtractFiles(AwsClients.s3(), cloud.physicalName("ExtractBucket"), dynamo, table), outbox, links,
          Clock.systemUTC());

      String email = "stor.kund@example.se";
      long loadStart = System.nanoTime();
      RecordActivity record = new RecordActivity(POLICY, keys, subjects);
      Instant first = Instant.parse("2025-01-01T08:00:00Z");
      for (int i = 0; i < ORDERS; i++) {
        String orderId = Integer.toString(200000 + i);
        Map<String, Object> detail = new HashMap<>(Map.of("orderId", orderId,
            "placedAt", first.plus(Duration.ofHours(2L * i)).toString(),
            "customer", Map.of("email", email, "name", "Stor Kund", "phone", "+46 70 555 01 01", "customerNumber", "K-9000"),
            "lines", List.of(Map.of("sku", "NP-1001", "name", "Kabelkanal vit 2 m", "quantity", 2, "unitPrice", "149.00"),
                Map.of("sku", "NP-2040", "name", "Skarvdosa IP44", "quantity", 1, "unitPrice", "89.00")),
            "total", "387.00", "currency", "SEK", "deliveryNote", "Lämnas vid grinden",
            "invoice", Map.of("invoiceNumber", "F-" + orderId, "invoiceDate", "2025-06-01", "amount", "387.00",
                "vat", "77.40", "buyerName", "Stor Kund", "buyerAddress", "Storgatan 1, 123 45 Småstad")));
        record.record(ActivityEvents.read("npprod.webshop", ActivityEvents.ORDER_PLACED, "bench-" + orderId, detail));
      }
      System.out.printf("loaded %d orders with invoices in %.1f s%n", ORDERS, (System.nanoTime() - loadStart) / 1e9);

      List<String> rows = new ArrayList<>();
      for (int run = 1; run <= 3; run++) {
        SubmitRequest submit = new SubmitRequest(POLICY, keys, requests, mail -> { }, links, Clock.systemUTC());
        String id = submit.submit(new NewRequest(Channel.WEB, EmailAddress.parse(email).orElseThrow(), RequestType.ACCESS,
            List.of(), Optional.empty(), "sv", "", "", Optional.of("bench-" + run + "-" + System.nanoTime()),
            Instant.now())).requestId();
        requests.transition(id, RequestStatus.AWAITING_VERIFICATION, RequestStatus.VERIFIED, Optional.empty(),
            AuditEvent.of(id, Instant.now(), "verified"));
        System.gc();
        resetPeaks();
        long before = heapUsed();
        long start = System.nanoTime();
        BuildExtract.Outcome outcome = build.answer(id, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        rows.add(String.format("run %d: %s in %.2f s, peak heap %d MB (%d MB before)", run, outcome, seconds,
            peakHeap() / (1024 * 1024), before / (1024 * 1024)));
      }
      System.out.println("\nRegister extract for a customer with " + ORDERS + " orders and " + ORDERS
          + " invoices (gather from the table and two HTTP systems, render HTML and JSON, store in S3, mail):");
      rows.forEach(r -> System.out.println("  " + r));
      System.out.println("  (JVM: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; run 1 includes class loading and JIT warm-up)");
    }
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static long heapUsed() {
    return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
