package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static se.npprod.privacy.local.cloud.Template.list;
import static se.npprod.privacy.local.cloud.Template.map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;

/** What template.yaml promises the code, and what the code needs from template.yaml. */
@ExtendWith(EmulatorsExtension.class)
class TemplateContractTest {
  /** Set by Lambda itself, never by the template. */
  private static final Set<String> LAMBDA_RESERVED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION",
      "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
      "AWS_SESSION_TOKEN");

  private final Template template = Template.load(RepoRoot.find().resolve("template.yaml"));

  @Test
  void everyHandlerIsARequestHandlerClassThatExists() throws Exception {
    assertThat(template.functions()).isNotEmpty();
    for (Template.Function f : template.functions()) {
      assertThat(f.handler()).as(f.logicalId()).endsWith("::handleRequest");
      Class<?> type = Class.forName(f.handlerClass());
      assertThat(RequestHandler.class).as(f.logicalId()).isAssignableFrom(type);
      assertThat(type.getConstructor()).as(f.logicalId() + " needs a public no-argument constructor").isNotNull();
      String module = f.codeUri().replaceFirst("/target/[^/]+$", "");
      assertThat(RepoRoot.find().resolve(module).resolve("pom.xml")).as(f.logicalId() + " CodeUri's module").exists();
    }
  }

  @Test
  void everyEnvironmentVariableTheCodeReadsIsSet(LocalCloud cloud) {
    for (Template.Function f : template.functions()) {
      cloud.environment(f).forEach(System::setProperty);
      Env.forgetNamesRead();

      LambdaInvoker.load(f.handlerClass());

      assertThat(Env.namesRead()).as(f.logicalId() + " reads").isNotEmpty();
      for (String name : Env.namesRead()) {
        assertThat(f.environment().containsKey(name) || LAMBDA_RESERVED.contains(name))
            .as(f.logicalId() + " reads " + name + " but template.yaml does not set it").isTrue();
      }
    }
  }

  @Test
  void functionsReadConfigurationOnlyThroughEnv() throws IOException {
    List<Path> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(RepoRoot.find().resolve("functions"))) {
      files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
          .filter(p -> !p.getFileName().toString().equals("Env.java"))
          .forEach(p -> {
            try {
              if (Files.readString(p).contains("System.getenv(")) {
                offenders.add(p);
              }
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    assertThat(offenders).as("read environment variables through Env so the contract test sees them").isEmpty();
  }

  @Test
  void noIamStatementUsesAWildcardActionOrResource() {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Template.Resource f : template.resources("AWS::Serverless::Function")) {
      // SAM's generated role would attach AWSLambdaBasicExecutionRole, whose resource is "*".
      assertThat(f.properties()).as(f.logicalId() + " uses an explicit role").containsKey("Role")
          .doesNotContainKey("Policies");
    }
    for (String type : List.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
      for (Template.Resource r : template.resources(type)) {
        list(map(r.properties().get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        for (Object p : list(r.properties().get("Policies"))) {
          list(map(map(p).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
      }
    }
    // Key policies (AWS::KMS::Key) are resource policies whose Resource "*" means the key itself.
    assertThat(statements).isNotEmpty();
    for (Map<String, Object> s : statements) {
      for (Object action : asList(s.get("Action"))) {
        assertThat(String.valueOf(action)).as("action in " + s).doesNotContain("*");
      }
      for (Object resource : asList(s.get("Resource"))) {
        String text = resource instanceof Map<?, ?> m && m.containsKey("Fn::Sub")
            ? String.valueOf(m.get("Fn::Sub")) : String.valueOf(resource);
        assertThat(text).as("resource in " + s).isNotEqualTo("*");
        // The one wildcard allowed: the streams of one named log group, which Lambda names itself.
        assertThat(text.replaceAll(":log-group:\\$\\{\\w+}:log-stream:\\*$", ""))
            .as("resource in " + s).doesNotContain("*");
      }
    }
  }

  @Test
  void ttlAttributeIsTheOneTheCodeWrites() {
    Map<String, Object> table = template.resources("AWS::DynamoDB::Table").get(0).properties();

    assertThat(map(table.get("TimeToLiveSpecification")))
        .containsEntry("AttributeName", Table.TTL).containsEntry("Enabled", true);
    assertThat(list(table.get("KeySchema"))).extracting(k -> map(k).get("AttributeName"))
        .containsExactly(Table.PK, Table.SK);
  }

  @Test
  void dataAtRestIsProtectedAndFunctionsAreLean() {
    Map<String, Object> table = template.resources("AWS::DynamoDB::Table").get(0).properties();
    assertThat(map(table.get("PointInTimeRecoverySpecification"))).containsEntry("PointInTimeRecoveryEnabled", true);
    assertThat(map(table.get("SSESpecification"))).containsEntry("SSEType", "KMS")
        .containsEntry("KMSMasterKeyId", Map.of("Ref", "DataKey"));

    Map<String, Object> globals = map(map(template.raw().get("Globals")).get("Function"));
    assertThat(globals).containsEntry("Runtime", "java21").containsEntry("AutoPublishAlias", "live");
    assertThat(map(globals.get("SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
    for (Template.Resource f : template.resources("AWS::Serverless::Function")) {
      Object group = map(map(f.properties().get("LoggingConfig"))).get("LogGroup");
      String groupId = String.valueOf(map(group).get("Ref"));
      assertThat(template.resources("AWS::Logs::LogGroup")).as(f.logicalId() + " log group")
          .anySatisfy(g -> {
            assertThat(g.logicalId()).isEqualTo(groupId);
            assertThat(g.properties()).containsKey("RetentionInDays");
          });
    }
    Map<String, Object> api = template.resources("AWS::Serverless::HttpApi").get(0).properties();
    assertThat(map(api.get("DefaultRouteSettings"))).containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit");
  }

  private static List<Object> asList(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
  }
}
