package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * Functions under the real Lambda runtime client, fed through the stack's Runtime API and HTTP
 * API: faults answered as API Gateway answers them, and each JVM's environment exactly its own.
 * The functions are the test-only handlers of runtime-template.yaml (Timeout 2 s).
 */
class LambdaRuntimeTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";
  private static Template template;
  private static LambdaHost host;
  private static final List<FunctionPool> pools = new ArrayList<>();
  private static HttpApiServer server;

  @BeforeAll
  static void start() throws Exception {
    Path root = RepoRoot.find();
    template = Template.load(root.resolve("local/stack/src/test/resources/runtime-template.yaml"));
    host = LambdaHost.start(root, Map.of());
    Map<String, FunctionPool> routed = new LinkedHashMap<>();
    for (Template.Function f : template.functions()) {
      if (!f.routes().isEmpty()) {
        FunctionPool pool = FunctionPool.start(host, f, environment(f), 1);
        pools.add(pool);
        routed.put(f.logicalId(), pool);
      }
    }
    server = new HttpApiServer(0, template.functions(), routed, root);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    pools.forEach(FunctionPool::close);
    if (host != null) {
      host.close();
    }
  }

  private static Map<String, String> environment(Template.Function f) {
    Map<String, String> env = new LinkedHashMap<>();
    f.environment().forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  private static Template.Function function(String id) {
    return template.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFunctionThatThrowsGetsInternalServerErrorAsFromAnHttpApi() throws Exception {
    HttpResponse<String> response = get("/throw");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo(INTERNAL_ERROR);
  }

  @Test
  void aMalformedPayloadGetsInternalServerError() throws Exception {
    HttpResponse<String> response = get("/malformed");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo(INTERNAL_ERROR);
  }

  @Test
  void aFunctionPastItsTemplateTimeoutIsKilledAndTheNextRequestGetsAFreshColdStart() throws Exception {
    String before = get("/fast").body();

    HttpResponse<String> timedOut = get("/slow");
    HttpResponse<String> after = get("/fast");

    assertThat(timedOut.statusCode()).isEqualTo(500);
    assertThat(timedOut.body()).isEqualTo(INTERNAL_ERROR);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).as("a new JVM").isNotEqualTo(before);
    assertThat(ProcessHandle.of(Long.parseLong(before)).map(ProcessHandle::isAlive).orElse(false))
        .as("the timed-out JVM is gone").isFalse();
  }

  @Test
  void anInitErrorFailsTheStartWithTheFunctionsOwnMessage() {
    assertThatThrownBy(() -> FunctionPool.start(host, function("BrokenFunction"), Map.of(), 1).close())
        .hasMessageContaining("BrokenFunction failed to start")
        .hasMessageContaining("environment variable TABLE_NAME is not set");
  }

  @Test
  void eachFunctionJvmSeesExactlyItsTemplateEnvironmentAndWhatLambdaSets() throws Exception {
    Set<String> names = Set.of(get("/env").body().split(","));

    assertThat(names).containsExactlyInAnyOrder("SHARED_SETTING", "ONLY_MINE",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_RUNTIME_API", "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR", "_HANDLER", "TZ", "LANG", "PATH",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
    assertThat(names).doesNotContain("OTHER_SECRET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "HOME",
        "GUARD_PARENT", "SHLVL");
    assertThat(Set.of(get("/other").body().split(","))).contains("OTHER_SECRET").doesNotContain("ONLY_MINE");
  }

  @Test
  void coldInvokeReportsTimingsCpuAndPeakMemory() throws Exception {
    Template.Function f = function("SlowFunction");

    ColdInvoke.Result result = ColdInvoke.run(host, f, environment(f), "{\"rawPath\":\"/fast\"}".getBytes());

    assertThat(result.succeeded()).as(result.response()).isTrue();
    assertThat(result.response()).contains("\"statusCode\":200");
    assertThat(result.peakRssKb()).isPositive();
    assertThat(result.cpu()).isPositive();
    System.out.println("test function: " + result.timings());
  }
}
