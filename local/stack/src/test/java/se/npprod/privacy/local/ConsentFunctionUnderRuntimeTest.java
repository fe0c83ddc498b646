package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.local.RuntimeApi.Outcome;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * The deployable ConsentFunction jar under the Lambda runtime client, given credentials only the
 * way SnapStart gives them: through the container credentials endpoint, never as access keys.
 */
@ExtendWith(EmulatorsExtension.class)
class ConsentFunctionUnderRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void recordsADecisionWithOnlyContainerCredentials(LocalCloud cloud) throws Exception {
    Path root = RepoRoot.find();
    Template.Function function = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();
    byte[] event = Files.readAllBytes(root.resolve("events/consent/record-consent.json"));

    try (LambdaHost host = LambdaHost.start(root, cloud.emulators().endpoints().endpointUrls());
         RuntimeApi api = new RuntimeApi(function.logicalId());
         FunctionProcess jvm = FunctionProcess.start(host, function, cloud.templateEnvironment(function), api,
             line -> System.err.println("[ConsentFunction] " + line))) {
      api.initialised().get(60, TimeUnit.SECONDS);
      Map<String, String> environment = environmentOf(jvm.handle().orElseThrow());
      Outcome outcome = api.invoke(event, Duration.ofSeconds(function.timeoutSeconds()))
          .get(function.timeoutSeconds(), TimeUnit.SECONDS);

      assertThat(environment).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
          .containsKeys("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN")
          .containsEntry("TABLE_NAME", cloud.physicalName("PrivacyTable"));
      assertThat(environment.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")).startsWith("http://127.0.0.1:");
      assertThat(outcome).isInstanceOf(Outcome.Response.class);
      byte[] payload = ((Outcome.Response) outcome).payload();
      assertThat(JSON.readTree(payload).get("statusCode").asInt())
          .as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(201);
    }
  }

  /** What the JVM really got, from the kernel rather than from what we meant to give it. */
  private static Map<String, String> environmentOf(ProcessHandle process) throws Exception {
    Map<String, String> env = new HashMap<>();
    String raw = Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ"), StandardCharsets.UTF_8);
    for (String entry : raw.split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }
}
