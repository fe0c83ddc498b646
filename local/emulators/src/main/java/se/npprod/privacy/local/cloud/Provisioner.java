package se.npprod.privacy.local.cloud;

import static se.npprod.privacy.local.cloud.Template.list;
import static se.npprod.privacy.local.cloud.Template.map;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the tables, queues and buckets of template.yaml on the emulators, exactly as declared:
 * keys, indexes, TTL attribute, queue settings and redrive to dead-letter queues. Names are the
 * logical ids (a bucket's lower-cased, as bucket names must be); {@link #names()} gives what a
 * function's {@code !Ref} resolves to.
 */
public final class Provisioner {
  /** Resources whose !Ref is only a name that a call passes on, with nothing to create locally. */
  private static final java.util.Set<String> NAMED_ONLY = java.util.Set.of("AWS::SES::ConfigurationSet",
      "AWS::SES::ReceiptRuleSet");

  private final Template template;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, String> queueArns = new HashMap<>();
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, String> bucketArns = new HashMap<>();

  public Provisioner(Template template) {
    this.template = template;
  }

  /** Logical id to physical name (table name or queue URL), for resolving {@code !Ref}. */
  public Map<String, String> names() {
    return names;
  }

  public Provisioner createTables(DynamoDbClient dynamo) {
    for (Template.Resource table : template.resources("AWS::DynamoDB::Table")) {
      Map<String, Object> p = table.properties();
      CreateTableRequest.Builder request = CreateTableRequest.builder()
          .tableName(table.logicalId())
          .billingMode(BillingMode.fromValue(String.valueOf(p.getOrDefault("BillingMode", "PAY_PER_REQUEST"))))
          .attributeDefinitions(list(p.get("AttributeDefinitions")).stream().map(Template::map)
              .map(a -> AttributeDefinition.builder().attributeName((String) a.get("AttributeName"))
                  .attributeType((String) a.get("AttributeType")).build())
              .toList())
          .keySchema(keys(p.get("KeySchema")));
      List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream().map(Template::map)
          .map(g -> GlobalSecondaryIndex.builder()
              .indexName((String) g.get("IndexName"))
              .keySchema(keys(g.get("KeySchema")))
              .projection(projection(map(g.get("Projection"))))
              .build())
          .toList();
      if (!indexes.isEmpty()) {
        request.globalSecondaryIndexes(indexes);
      }
      dynamo.createTable(request.build());
      Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
      if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
        dynamo.updateTimeToLive(b -> b.tableName(table.logicalId()).timeToLiveSpecification(
            t -> t.attributeName((String) ttl.get("AttributeName")).enabled(true)));
      }
      names.put(table.logicalId(), table.logicalId());
    }
    return this;
  }

  /** Dead-letter queues first, so that redrive policies can name them. */
  public Provisioner createQueues(SqsClient sqs) {
    List<Template.Resource> queues = template.resources("AWS::SQS::Queue").stream()
        .sorted((a, b) -> Boolean.compare(a.properties().containsKey("RedrivePolicy"),
            b.properties().containsKey("RedrivePolicy")))
        .toList();
    for (Template.Resource queue : queues) {
      Map<String, Object> p = queue.properties();
      Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
      copy(p, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
      copy(p, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
      copy(p, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes);
      copy(p, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes);
      Map<String, Object> redrive = map(p.get("RedrivePolicy"));
      if (!redrive.isEmpty()) {
        String dlq = (String) list(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
        attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + queueArns.get(dlq)
            + "\",\"maxReceiveCount\":\"" + redrive.get("maxReceiveCount") + "\"}");
      }
      String url = sqs.createQueue(b -> b.queueName(queue.logicalId()).attributes(attributes)).queueUrl();
      String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);
      names.put(queue.logicalId(), url);
      queueArns.put(queue.logicalId(), arn);
    }
    return this;
  }

  /**
   * Every {@code AWS::S3::Bucket}, named by its literal BucketName or else its lower-cased logical
   * id (a name CloudFormation would generate is unknown here). Only the bucket is created: its
   * lifecycle rules (expiry of stored mail), encryption, versioning and public-access settings are
   * not played locally, so nothing here expires objects; tests that rely on expiry cannot pass.
   */
  public Provisioner createBuckets(S3Client s3) {
    for (Template.Resource bucket : template.resources("AWS::S3::Bucket")) {
      Object declared = bucket.properties().get("BucketName");
      String name = declared instanceof String literal ? literal : bucketName(bucket.logicalId());
      s3.createBucket(b -> b.bucket(name));
      names.put(bucket.logicalId(), name);
      bucketArns.put(bucket.logicalId(), "arn:aws:s3:::" + name);
    }
    return this;
  }

  /** A valid bucket name from a logical id: lower case, at most 63 characters, at least 3. */
  static String bucketName(String logicalId) {
    String name = logicalId.toLowerCase(java.util.Locale.ROOT);
    name = name.length() > 63 ? name.substring(0, 63) : name;
    return name.length() < 3 ? name + "-bucket" : name;
  }

  /**
   * Every {@code AWS::SecretsManager::Secret}, with a value as CloudFormation would make it:
   * {@code GenerateSecretString} gives random letters and digits of {@code PasswordLength} (32 by
   * default), new at every start, as a fresh deployment would have. {@code !Ref} gives its ARN.
   */
  public Provisioner createSecrets(se.npprod.privacy.local.emulators.LocalSecretsManager secrets) {
    java.security.SecureRandom random = new java.security.SecureRandom();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (Template.Resource secret : template.resources("AWS::SecretsManager::Secret")) {
      Map<String, Object> p = secret.properties();
      String value;
      if (p.containsKey("SecretString")) {
        value = String.valueOf(p.get("SecretString"));
      } else {
        Object length = map(p.get("GenerateSecretString")).getOrDefault("PasswordLength", 32);
        StringBuilder generated = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(String.valueOf(length)); i++) {
          generated.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        value = generated.toString();
      }
      names.put(secret.logicalId(), secrets.put(secret.logicalId(), value));
    }
    return this;
  }

  /** A template parameter's value here (what {@code sam deploy --parameter-overrides} gives on AWS). */
  public Provisioner parameter(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  /** What {@code !Ref name} gives here: a parameter's value, or a provisioned resource's name. */
  public String ref(String name) {
    return resolve(Map.of("Ref", name));
  }

  /** A function's environment with {@code !Ref}s to provisioned resources resolved. */
  public Map<String, String> environment(Template.Function function) {
    Map<String, String> env = new LinkedHashMap<>();
    function.environment().forEach((key, value) -> env.put(key, resolve(value)));
    return env;
  }

  private String resolve(Object value) {
    if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
      String ref = String.valueOf(m.get("Ref"));
      Map<String, Object> declared = map(map(template.raw().get("Parameters")).get(ref));
      if (parameters.containsKey(ref)) {
        return parameters.get(ref);
      }
      if (!declared.isEmpty()) {
        if (!declared.containsKey("Default")) {
          throw new IllegalStateException("template parameter " + ref + " has no default: give it a local value");
        }
        return String.valueOf(declared.get("Default"));
      }
      String type = String.valueOf(map(map(template.raw().get("Resources")).get(ref)).get("Type"));
      if (!names.containsKey(ref) && NAMED_ONLY.contains(type)) {
        return ref; // nothing to emulate: SES takes the name and the local SES emulator ignores it
      }
      if (!names.containsKey(ref)) {
        throw new IllegalStateException("!Ref " + ref + " names nothing the local stack provisions");
      }
      return names.get(ref);
    }
    if (value instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
      String id = String.valueOf(list(m.get("Fn::GetAtt")).get(0));
      if (bucketArns.containsKey(id)) {
        return bucketArns.get(id);
      }
      if (bucketArns.containsKey(id)) {
        return bucketArns.get(id);
      }
      return queueArns.getOrDefault(id, "arn:aws:local:" + id);
    }
    return String.valueOf(value);
  }

  private static Projection projection(Map<String, Object> p) {
    Projection.Builder projection = Projection.builder().projectionType((String) p.get("ProjectionType"));
    List<String> nonKey = list(p.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
    return (nonKey.isEmpty() ? projection : projection.nonKeyAttributes(nonKey)).build();
  }

  private static List<KeySchemaElement> keys(Object schema) {
    return list(schema).stream().map(Template::map)
        .map(k -> KeySchemaElement.builder().attributeName((String) k.get("AttributeName"))
            .keyType((String) k.get("KeyType")).build())
        .toList();
  }

  private static void copy(Map<String, Object> p, String key, QueueAttributeName name,
      Map<QueueAttributeName, String> attributes) {
    if (p.containsKey(key)) {
      attributes.put(name, String.valueOf(p.get(key)));
    }
  }
}
