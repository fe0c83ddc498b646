package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * template.yaml against AWS's own schemas: SAM's JSON Schema for the serverless resources, the
 * CloudFormation resource specification for the rest, and every reference resolving. The tests that
 * break the real template in one place show the checker finds exactly that.
 */
class TemplateSchemaTest {
  private static final Path ROOT = RepoRoot.find();
  private static final Path TEMPLATE = ROOT.resolve("template.yaml");
  /** Beside the clone, as CI lays it out: shared/schemas/README.md says where it comes from. */
  private static final Path SAM_SCHEMA = ROOT.resolve("../shared/schemas/sam.schema.json").normalize();
  /** From npm (package.json pins @aws-cdk/cfnspec); the build's `npm ci` puts it here. */
  private static final Path CFN_SPEC = ROOT.resolve("node_modules/@aws-cdk/cfnspec/spec/specification.json");

  private static TemplateChecker checker;

  @BeforeAll
  static void loadSchemas() {
    if (!Files.exists(SAM_SCHEMA)) {
      String message = "the SAM schema is not at " + SAM_SCHEMA + " (a copy of shared/ belongs beside the repository)";
      if (System.getenv("CI") != null) {
        fail(message + "; CI must check the template against it");
      }
      Assumptions.abort(message + "; skipping the template schema tests outside CI");
    }
    assertThat(CFN_SPEC).as("@aws-cdk/cfnspec from package.json; run the build (npm ci)").exists();
    checker = new TemplateChecker(SAM_SCHEMA, CFN_SPEC);
  }

  @Test
  void theTemplateHasNoProblems() {
    TemplateChecker.Report report = checker.check(TEMPLATE);

    System.out.println("template.yaml checked: " + report.checked());
    assertThat(report.problems()).isEmpty();
    assertThat(report.checked()).containsKeys("SAM schema", "SAM schema (Globals)", "CloudFormation spec");
    assertThat(report.checked().get("references")).isGreaterThan(10);
  }

  @Test
  void exceptionsToTheSpecificationAreStillNeeded() {
    assertThat(checker.staleExceptions()).as("the CloudFormation specification has these now; drop them").isEmpty();
  }

  @Test
  void aMisspeltCloudFormationPropertyIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "      BillingMode: PAY_PER_REQUEST", "      BilingMode: PAY_PER_REQUEST");

    assertThat(problems).containsExactly(
        "PrivacyTable.Properties.BilingMode: unknown property of AWS::DynamoDB::Table");
  }

  @Test
  void aMisspeltNestedPropertyIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "        PointInTimeRecoveryEnabled: true",
        "        PointInTimeRecoveryEnable: true");

    assertThat(problems).containsExactly("PrivacyTable.Properties.PointInTimeRecoverySpecification"
        + ".PointInTimeRecoveryEnable: unknown property of AWS::DynamoDB::Table.PointInTimeRecoverySpecification");
  }

  @Test
  void aMissingRequiredPropertyIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "      Protocol: email\n", "");

    assertThat(problems).containsExactly(
        "AlarmEmailSubscription.Properties: required property Protocol is missing (AWS::SNS::Subscription)");
  }

  @Test
  void aWrongTypeIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "      EnableKeyRotation: true", "      EnableKeyRotation: always");

    assertThat(problems).containsExactly(
        "DataKey.Properties.EnableKeyRotation: expected Boolean, got String 'always'");
  }

  @Test
  void aWrongTypeInAListIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "      Threshold: 100\n", "      Threshold: [100]\n");

    assertThat(problems).containsExactly(
        "HttpApiClientErrors.Properties.Threshold: expected Double, got a list [100]");
  }

  @Test
  void aMisspeltSamPropertyIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "      Description: Cookie banner API",
        "      Descripton: Cookie banner API");

    assertThat(problems).containsExactly("ConsentFunction/Properties: property 'Descripton' is not defined in the"
        + " schema and the schema does not allow additional properties (SAM schema)");
  }

  @Test
  void aWrongTypeOfAPropertySamPassesThroughIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "    MemorySize: 1024", "    MemorySize: a gigabyte");

    // SAM's schema lets pass-through properties be anything; the Lambda specification does not.
    assertThat(problems).containsExactly("Globals.Function.MemorySize: expected Integer, got String 'a gigabyte'");
  }

  @Test
  void aGetAttOfAnAttributeTheResourceLacksIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "Resource: !GetAtt PrivacyTable.Arn\n        # DynamoDB calls KMS",
        "Resource: !GetAtt PrivacyTable.TableArn\n        # DynamoDB calls KMS");

    assertThat(problems).containsExactly(
        "Resources.ConsentFunctionRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource"
            + ": !GetAtt PrivacyTable.TableArn: AWS::DynamoDB::Table has no attribute TableArn (it has [Arn, StreamArn])");
  }

  @Test
  void aGetAttOfAResourceThatDoesNotExistIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "!GetAtt HttpApiAccessLogs.Arn", "!GetAtt HttpApiAccessLog.Arn");

    assertThat(problems).containsExactly("Resources.HttpApi.Properties.AccessLogSettings.DestinationArn"
        + ": !GetAtt HttpApiAccessLog.Arn: no resource HttpApiAccessLog");
  }

  @Test
  void aSubVariableThatNamesNothingIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "log-group:${ConsentFunctionLogs}:log-stream",
        "log-group:${ConsentFunctionLog}:log-stream");

    assertThat(problems).containsExactly("Resources.ConsentFunctionRole.Properties.Policies[2].PolicyDocument"
        + ".Statement[0].Resource ${ConsentFunctionLog}: !Ref ConsentFunctionLog names no parameter, resource or"
        + " pseudo parameter");
  }

  @Test
  void aWrongTypeInsideAnHttpApiSettingIsFound(@TempDir Path dir) throws IOException {
    List<String> problems = problemsAfter(dir, "        ThrottlingRateLimit: !Ref ThrottleRateLimit",
        "        ThrottlingRateLimit: [50]");

    assertThat(problems).containsExactly(
        "HttpApi.Properties.DefaultRouteSettings.ThrottlingRateLimit: expected Double, got a list [50]");
  }

  /** The real template, changed in one place, checked. */
  private static List<String> problemsAfter(Path dir, String original, String broken) throws IOException {
    String text = Files.readString(TEMPLATE);
    assertThat(text).as("the template still contains the text this test breaks").containsOnlyOnce(original);
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, text.replace(original, broken));
    List<String> problems = checker.check(file).problems();
    System.out.println(problems);
    return problems;
  }
}
