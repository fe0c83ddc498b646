package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static se.npprod.privacy.local.cloud.Template.list;
import static se.npprod.privacy.local.cloud.Template.map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.aws.Env;
import se.npprod.privacy.aws.ErasureTable;
import se.npprod.privacy.aws.RequestTable;
import se.npprod.privacy.aws.Table;
import se.npprod.privacy.core.erasure.Identifiers;
import se.npprod.privacy.core.policy.Policy;
import se.npprod.privacy.core.request.AuditEvent;
import se.npprod.privacy.core.request.Channel;
import se.npprod.privacy.core.request.FollowUpRequests;
import se.npprod.privacy.core.request.PrivacyRequest;
import se.npprod.privacy.core.request.RequestStatus;
import se.npprod.privacy.core.request.RequestStore;
import se.npprod.privacy.core.request.RequestType;
import se.npprod.privacy.core.subject.EmailAddress;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import se.npprod.privacy.policy.BundledPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
      assertThat(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type))
          .as(f.logicalId() + " is a RequestHandler or a RequestStreamHandler").isTrue();
      assertThat(type.getConstructor()).as(f.logicalId() + " needs a public no-argument constructor").isNotNull();
      String module = f.codeUri().replaceFirst("/target/[^/]+$", "");
      assertThat(RepoRoot.find().resolve(module).resolve("pom.xml")).as(f.logicalId() + " CodeUri's module").exists();
    }
  }

  @Test
  void everyEnvironmentVariableTheCodeReadsIsSet(LocalCloud cloud) throws Exception {
    cloud.parameter("PublicApiUrl", "http://localhost:3000");
    cloud.parameter(LocalStack.PRIVACY_TEAM_ADDRESS, LocalStack.LOCAL_PRIVACY_TEAM);
    for (Template.Function f : template.functions()) {
      cloud.environment(f).forEach(System::setProperty);
      Env.forgetNamesRead();

      Class.forName(f.handlerClass()).getConstructor().newInstance();

      assertThat(Env.namesRead()).as(f.logicalId() + " reads").isNotEmpty();
      for (String name : Env.namesRead()) {
        assertThat(f.environment().containsKey(name) || LAMBDA_RESERVED.contains(name))
            .as(f.logicalId() + " reads " + name + " but template.yaml does not set it").isTrue();
      }
    }
  }

  /**
   * Runs each function in this JVM over every sample event of its own (events/<module>/) while the
   * SDK's calls are recorded, and holds the IAM actions they need against the function's role.
   */
  @Test
  void everyAwsActionAFunctionTakesIsGrantedToItsRole(LocalCloud cloud) throws Exception {
    cloud.parameter("PublicApiUrl", "http://localhost:3000");
    cloud.parameter(LocalStack.PRIVACY_TEAM_ADDRESS, LocalStack.LOCAL_PRIVACY_TEAM);
    processorFollowUpsDue(cloud);
    for (Template.Function f : template.functions()) {
      cloud.environment(f).forEach(System::setProperty);
      Path events = RepoRoot.find().resolve("events").resolve(f.codeUri().split("/")[1]);
      RecordedAwsActions.start();
      Object handler = Class.forName(f.handlerClass()).getConstructor().newInstance();
      try (Stream<Path> samples = Files.list(events)) {
        for (Path sample : samples.sorted().toList()) {
          invoke(handler, sample, new se.npprod.privacy.local.cloud.LocalContext(f.logicalId(), 10));
        }
      }
      Set<String> used = RecordedAwsActions.stop();

      String role = String.valueOf(list(map(template.raw().get("Resources")).entrySet().stream()
          .filter(r -> r.getKey().equals(f.logicalId())).map(r -> map(map(r.getValue()).get("Properties")).get("Role"))
          .map(g -> map(g).get("Fn::GetAtt")).findFirst().orElseThrow()).get(0));
      List<Object> granted = new ArrayList<>();
      for (Object policy : list(map(map(map(template.raw().get("Resources")).get(role)).get("Properties")).get("Policies"))) {
        list(map(map(policy).get("PolicyDocument")).get("Statement")).forEach(st -> granted.addAll(asList(map(st).get("Action"))));
      }
      assertThat(used).as(f.logicalId() + " calls AWS").isNotEmpty();
      assertThat(granted).as(f.logicalId() + "'s role " + role + " grants what it uses").containsAll(used);
    }
  }

  /**
   * FollowUpFunction works on what the table holds, not on its event: a processor's reminder and
   * escalation due now make it read the plan and the connector secret (the processor's contact),
   * mail the privacy team and audit, as it does in a real run.
   */
  private static void processorFollowUpsDue(LocalCloud cloud) {
    Policy policy = BundledPolicy.policy();
    DynamoDbClient dynamo = cloud.emulators().endpoints().dynamoDbClient();
    String table = cloud.physicalName("PrivacyTable");
    Instant now = Instant.now();
    String id = "contract" + now.toEpochMilli();
    EmailAddress email = EmailAddress.parse("kontrakt@example.se").orElseThrow();
    new RequestTable(dynamo, table, policy.timezone()).create(new PrivacyRequest(id, RequestType.ERASURE, Channel.WEB,
        RequestStatus.IN_PROGRESS, "sv", email, "subject-" + id, now, LocalDate.now().plusMonths(1), Optional.of(now),
        List.of("form:erasure"), Optional.empty(), "", now.plusSeconds(86_400)), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), AuditEvent.of(id, now, "received"));
    ErasureTable plans = new ErasureTable(dynamo, table, policy.timezone());
    plans.create(id, new Identifiers("subject-" + id, email, List.of(), List.of()), List.of("logistics"),
        AuditEvent.of(id, now, "erasure-planned"));
    plans.waiting(id, "logistics", "contract-" + id, now.plusSeconds(86_400),
        List.of(new RequestStore.FollowUp(id, FollowUpRequests.PROCESSOR_REMIND + "#logistics", now.minusSeconds(60)),
            new RequestStore.FollowUp(id, FollowUpRequests.PROCESSOR_ESCALATE + "#logistics", now.minusSeconds(60))),
        AuditEvent.of(id, now, "processor-asked"));
  }

  /** As the Lambda Java runtime does: a stream handler gets the bytes, a typed one the event it names. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void invoke(Object handler, Path sample, com.amazonaws.services.lambda.runtime.Context context)
      throws Exception {
    try (var in = Files.newInputStream(sample)) {
      if (handler instanceof RequestStreamHandler stream) {
        stream.handleRequest(in, java.io.OutputStream.nullOutputStream(), context);
        return;
      }
      java.lang.reflect.Method typed = java.util.Arrays.stream(handler.getClass().getMethods())
          .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2)
          .findFirst().orElseThrow();
      Class<?> type = typed.getParameterTypes()[0];
      Object event = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
          .serializerFor(type, handler.getClass().getClassLoader()).fromJson(in);
      ((RequestHandler) handler).handleRequest(event, context);
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
        // Two wildcards are allowed: the streams of one named log group, which Lambda names itself,
        // and the objects under one prefix of one of our buckets, whose keys are random per file.
        assertThat(text.replaceAll(":log-group:\\$\\{\\w+}:log-stream:\\*$", "")
            .replaceAll("^\\$\\{\\w+Bucket\\.Arn}/[a-z-]+/\\*$", ""))
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
      // A configuration change (memory, environment, role) publishes a version too, not only new code;
      // SAM takes this per function only, not in Globals.
      assertThat(f.properties()).as(f.logicalId()).containsEntry("AutoPublishAliasAllProperties", true);
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

  @Test
  void everyFunctionRoleUsesTheTableKeyOnlyThroughDynamoDb() {
    Object tableKey = map(map(template.resources("AWS::DynamoDB::Table").get(0).properties()
        .get("SSESpecification")).get("KMSMasterKeyId"));
    String keyId = String.valueOf(map(tableKey).get("Ref"));
    assertThat(resource(keyId)).containsEntry("Type", "AWS::KMS::Key");

    for (Template.Resource f : template.resources("AWS::Serverless::Function")) {
      List<Object> roleArn = list(map(f.properties().get("Role")).get("Fn::GetAtt"));
      assertThat(roleArn).as(f.logicalId() + " Role").hasSize(2).endsWith("Arn");
      Map<String, Object> role = resource(String.valueOf(roleArn.get(0)));
      assertThat(role).as(f.logicalId() + " role").containsEntry("Type", "AWS::IAM::Role");

      List<Map<String, Object>> kms = new ArrayList<>();
      for (Object p : list(map(role.get("Properties")).get("Policies"))) {
        for (Object s : list(map(map(p).get("PolicyDocument")).get("Statement"))) {
          if (asList(map(s).get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("kms:"))) {
            kms.add(map(s));
          }
        }
      }
      assertThat(kms).as(f.logicalId() + " needs the KMS actions DynamoDB uses on the table's key").hasSize(1);
      Map<String, Object> statement = kms.get(0);
      assertThat(statement).containsEntry("Effect", "Allow")
          .containsEntry("Resource", Map.of("Fn::GetAtt", List.of(keyId, "Arn")));
      assertThat(asList(statement.get("Action"))).as(f.logicalId() + " KMS actions").containsExactlyInAnyOrder(
          "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:DescribeKey", "kms:CreateGrant");
      assertThat(map(statement.get("Condition"))).as(f.logicalId() + " KMS condition")
          .containsOnlyKeys("StringEquals");
      assertThat(map(map(statement.get("Condition")).get("StringEquals")))
          .containsEntry("kms:ViaService", Map.of("Fn::Sub", "dynamodb.${AWS::Region}.amazonaws.com"));
    }
  }

  @Test
  void personalDataAndItsKeyOutliveTheStack() {
    for (String type : List.of("AWS::DynamoDB::Table", "AWS::KMS::Key")) {
      assertThat(template.resources(type)).as(type).isNotEmpty();
      for (Template.Resource r : template.resources(type)) {
        assertThat(resource(r.logicalId())).as(r.logicalId())
            .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
      }
    }
    for (Template.Resource table : template.resources("AWS::DynamoDB::Table")) {
      assertThat(table.properties()).as(table.logicalId()).containsEntry("DeletionProtectionEnabled", true);
    }
  }

  @Test
  void everyAlarmMailsSomebody() {
    List<Template.Resource> topics = template.resources("AWS::SNS::Topic");
    assertThat(topics).hasSize(1);
    Map<String, Object> topicRef = Map.of("Ref", topics.get(0).logicalId());
    assertThat(template.resources("AWS::SNS::Subscription")).anySatisfy(s -> assertThat(s.properties())
        .containsEntry("TopicArn", topicRef).containsEntry("Protocol", "email")
        .containsEntry("Endpoint", Map.of("Ref", "AlarmEmail")));
    Map<String, Object> email = map(map(template.raw().get("Parameters")).get("AlarmEmail"));
    assertThat(email).as("AlarmEmail is required and checked").containsKey("AllowedPattern").doesNotContainKey("Default");
    Map<String, Object> team = map(map(template.raw().get("Parameters")).get(LocalStack.PRIVACY_TEAM_ADDRESS));
    assertThat(team).as("PrivacyTeamAddress is required and checked").containsKey("AllowedPattern")
        .doesNotContainKey("Default");

    List<Template.Resource> alarms = template.resources("AWS::CloudWatch::Alarm");
    for (Template.Resource alarm : alarms) {
      assertThat(list(alarm.properties().get("AlarmActions"))).as(alarm.logicalId() + " AlarmActions")
          .containsExactly(topicRef);
      assertThat(list(alarm.properties().get("OKActions"))).as(alarm.logicalId() + " OKActions")
          .containsExactly(topicRef);
      // A heartbeat alarm fires on silence (no retention run finished); every other on data only.
      assertThat(alarm.properties()).as(alarm.logicalId()).containsEntry("TreatMissingData",
          alarm.logicalId().equals("RetentionNotRun") ? "breaching" : "notBreaching");
    }
    assertThat(alarms).extracting(a -> a.properties().get("Namespace") + "/" + a.properties().get("MetricName"))
        .contains("AWS/Lambda/Errors", "AWS/Lambda/Throttles", "AWS/ApiGateway/5xx", "AWS/ApiGateway/4xx");
    for (Template.Resource alarm : alarms) {
      if ("AWS/ApiGateway".equals(alarm.properties().get("Namespace"))) {
        // HTTP API metrics are keyed by ApiId (REST APIs use ApiName).
        assertThat(list(alarm.properties().get("Dimensions"))).as(alarm.logicalId())
            .contains(Map.of("Name", "ApiId", "Value", Map.of("Ref", "HttpApi")));
      }
    }
  }

  @Test
  void theConsentApiCannotScaleWithoutBound() {
    Template.Resource consent = template.resources("AWS::Serverless::Function").stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();
    assertThat(consent.properties())
        .containsEntry("ReservedConcurrentExecutions", Map.of("Ref", "ConsentReservedConcurrency"));
    assertThat(map(map(template.raw().get("Parameters")).get("ConsentReservedConcurrency")))
        .containsEntry("Type", "Number").containsEntry("MinValue", 1);
  }

  private Map<String, Object> resource(String logicalId) {
    return map(map(template.raw().get("Resources")).get(logicalId));
  }

  private static List<Object> asList(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
  }
}
