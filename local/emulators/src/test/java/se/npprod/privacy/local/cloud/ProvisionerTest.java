package se.npprod.privacy.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(EmulatorsExtension.class)
class ProvisionerTest {

  @Test
  void createsTheTableOfTemplateYamlWithKeysIndexAndTtl(LocalCloud cloud, Emulators emulators) {
    try (DynamoDbClient dynamo = emulators.endpoints().dynamoDbClient()) {
      TableDescription table = dynamo.describeTable(b -> b.tableName(cloud.physicalName("PrivacyTable"))).table();

      assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
          .containsExactly("pk:HASH", "sk:RANGE");
      assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
        assertThat(gsi.indexName()).isEqualTo("due");
        assertThat(gsi.keySchema()).extracting(k -> k.attributeName()).containsExactly("dueDay", "dueKey");
      });
      assertThat(dynamo.describeTimeToLive(b -> b.tableName("PrivacyTable")).timeToLiveDescription().attributeName())
          .isEqualTo("expiresAt");
    }
  }

  @Test
  void resolvesRefsInAFunctionEnvironmentToProvisionedNames(LocalCloud cloud) {
    Template.Function consent = cloud.template().functions().stream()
        .filter(f -> f.logicalId().equals("ConsentFunction")).findFirst().orElseThrow();

    assertThat(cloud.environment(consent)).containsEntry("TABLE_NAME", "PrivacyTable")
        .containsEntry("AWS_REGION", "eu-north-1");
    assertThat(consent.routes()).extracting(Template.Route::routeKey)
        .contains("POST /consent", "GET /consent/{consentId}");
  }

  @Test
  void createsQueuesWithTheirDeadLetterQueue(Emulators emulators) throws Exception {
    Path fixture = Path.of(getClass().getResource("/queues-template.yaml").toURI());
    Template template = Template.load(fixture);
    Provisioner provisioner = new Provisioner(template);
    try (SqsClient sqs = emulators.endpoints().sqsClient()) {
      provisioner.createQueues(sqs);

      String url = provisioner.names().get("WorkQueue");
      var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
          .attributes();
      assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("45");
      assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains("WorkDlq").contains("3");
      assertThat(provisioner.environment(template.functions().get(0)))
          .containsEntry("QUEUE_URL", url);
    }
  }

  @Test
  void createsBucketsNamedAfterTheirLogicalIdAndResolvesRefAndArn(Emulators emulators) throws Exception {
    Path fixture = Path.of(getClass().getResource("/buckets-template.yaml").toURI());
    Template template = Template.load(fixture);
    Provisioner provisioner = new Provisioner(template);
    try (S3Client s3 = emulators.endpoints().s3Client()) {
      provisioner.createBuckets(s3);

      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("mailbucket");
      assertThat(provisioner.environment(template.functions().get(0)))
          .containsEntry("MAIL_BUCKET", "mailbucket")
          .containsEntry("MAIL_BUCKET_ARN", "arn:aws:s3:::mailbucket");
    }
  }

  @Test
  void bucketNamesFromLogicalIdsAreValidBucketNames() {
    assertThat(Provisioner.bucketName("IntakeMailBucket")).isEqualTo("intakemailbucket");
    assertThat(Provisioner.bucketName("B")).matches("[a-z0-9.-]{3,63}");
    assertThat(Provisioner.bucketName("X".repeat(80))).hasSize(63);
  }

  @Test
  void readsCloudFormationShortTags() {
    Template template = Template.load(RepoRoot.find().resolve("template.yaml"));

    Object kmsKey = template.resources("AWS::DynamoDB::Table").get(0).properties().get("SSESpecification");
    assertThat(Template.map(kmsKey).get("KMSMasterKeyId")).isEqualTo(java.util.Map.of("Ref", "DataKey"));
  }
}
