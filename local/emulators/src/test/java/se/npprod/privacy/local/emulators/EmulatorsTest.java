package se.npprod.privacy.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmulatorsTest {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY, Endpoints.SECRET_KEY));

  @Test
  void servesDynamoDbSqsAndSesToTheRealSdkAndStopsWithoutLeftovers() throws Exception {
    Path root = RepoRoot.find();
    Emulators emulators = Emulators.startEmbedded(root);
    Endpoints e = emulators.endpoints();
    Region region = Region.of(Endpoints.REGION);
    try (emulators;
         DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(e.dynamoDb()).region(region)
             .credentialsProvider(CREDENTIALS).build();
         SqsClient sqs = SqsClient.builder().endpointOverride(e.sqs()).region(region)
             .credentialsProvider(CREDENTIALS).build();
         SesV2Client ses = SesV2Client.builder().endpointOverride(e.ses()).region(region)
             .credentialsProvider(CREDENTIALS).build()) {
      assertThat(dynamo.listTables().tableNames()).isEmpty();
      String queueUrl = sqs.createQueue(b -> b.queueName("probe")).queueUrl();
      assertThat(queueUrl).startsWith(e.sqs().toString());
      ses.sendEmail(b -> b.fromEmailAddress("integritet@npprod.se")
          .destination(d -> d.toAddresses("probe@example.se"))
          .content(c -> c.simple(m -> m.subject(s -> s.data("Prov")).body(body -> body.text(t -> t.data("Hej"))))));
      HttpResponse<String> store = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(e.ses() + "/store")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(store.body()).contains("Prov");
    }

    assertThat(portOpen(e.dynamoDb())).isFalse();
    assertThat(portOpen(e.ses())).isFalse();
    assertThat(portOpen(e.sqs())).isFalse();
    try (var files = Files.list(root.resolve(".local/emulators"))) {
      assertThat(files.filter(f -> f.toString().endsWith(ProcessHandle.current().pid() + ".pid"))).isEmpty();
    }
  }

  @Test
  void s3rverStoresExactlyTheBytesPutAndAnSdkClientConfiguredOnlyByTheEndpointOverrideReadsThem() throws Exception {
    Path root = RepoRoot.find();
    byte[] mail = "Subject: Hej\r\n\r\nåäö\r\n.\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Emulators emulators = Emulators.startEmbedded(root);
    Endpoints e = emulators.endpoints();
    try (emulators; S3Client s3 = e.s3Client()) {
      s3.createBucket(b -> b.bucket("probe"));
      s3.putObject(b -> b.bucket("probe").key("inbox/abc"), RequestBody.fromBytes(mail));

      // What a function gets: the endpoint from AWS_ENDPOINT_URL_S3 (here its system property), no path-style setting.
      String previous = System.setProperty("aws.endpointUrlS3", e.s3().toString());
      try (S3Client plain = S3Client.builder().region(Region.of(Endpoints.REGION)).credentialsProvider(CREDENTIALS)
          .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
        assertThat(plain.getObjectAsBytes(b -> b.bucket("probe").key("inbox/abc")).asByteArray()).isEqualTo(mail);
      } finally {
        if (previous == null) {
          System.clearProperty("aws.endpointUrlS3");
        } else {
          System.setProperty("aws.endpointUrlS3", previous);
        }
      }
    }

    assertThat(portOpen(e.s3())).isFalse();
    try (var stores = Files.list(root.resolve(".local/emulators/s3"))) {
      assertThat(stores.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(ProcessHandle.current().pid() + "-"));
    }
  }

  @Test
  void emulatorDiesWithTheProcessThatStartedIt() throws Exception {
    Path stateDir = RepoRoot.find().resolve(".local/emulators-test");
    Process owner = new ProcessBuilder("sleep", "300").start();
    int port = Emulators.freePort();
    Path dynoxide = RepoRoot.find().resolve("node_modules/@dynoxide/linux-x64/dynoxide");
    GuardedProcess guarded = GuardedProcess.start("dynoxide",
        List.of(dynoxide.toString(), "serve", "--port", Integer.toString(port)),
        stateDir, port, Duration.ofSeconds(20), owner.pid());
    ProcessHandle child = guarded.child().orElseThrow();

    owner.destroyForcibly().waitFor();

    assertThat(child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
    guarded.close();
  }

  @Test
  void sweepKillsEmulatorsLeftByADeadRun() throws Exception {
    Path stateDir = RepoRoot.find().resolve(".local/emulators-sweep");
    Files.createDirectories(stateDir);
    Process orphan = new ProcessBuilder("sleep", "300").start();
    Process deadOwner = new ProcessBuilder("true").start();
    deadOwner.waitFor();
    Files.writeString(stateDir.resolve("dynoxide-" + deadOwner.pid() + ".pid"), Long.toString(orphan.pid()));

    GuardedProcess.sweepOrphans(stateDir);

    assertThat(orphan.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(stateDir.resolve("dynoxide-" + deadOwner.pid() + ".pid")).doesNotExist();
  }

  private static boolean portOpen(URI uri) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 300);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
