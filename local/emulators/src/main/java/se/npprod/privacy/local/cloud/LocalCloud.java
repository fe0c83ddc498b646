package se.npprod.privacy.local.cloud;

import java.nio.file.Path;
import java.util.Map;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.RepoRoot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Running emulators with template.yaml's tables, queues and buckets created on them. */
public final class LocalCloud implements AutoCloseable {
  private final Emulators emulators;
  private final Template template;
  private final Provisioner provisioner;

  private LocalCloud(Emulators emulators, Template template, Provisioner provisioner) {
    this.emulators = emulators;
    this.template = template;
    this.provisioner = provisioner;
  }

  public static LocalCloud start() {
    return start(RepoRoot.find().resolve("template.yaml"));
  }

  /** Emulators with {@code templateFile} provisioned (a test's own template, or template.yaml). */
  public static LocalCloud start(Path templateFile) {
    Emulators emulators = Emulators.start();
    try {
      return provision(emulators, templateFile);
    } catch (RuntimeException e) {
      emulators.close();
      throw e;
    }
  }

  public static LocalCloud provision(Emulators emulators, Path templateFile) {
    Template template = Template.load(templateFile);
    Provisioner provisioner = new Provisioner(template);
    try (DynamoDbClient dynamo = emulators.endpoints().dynamoDbClient();
         SqsClient sqs = emulators.endpoints().sqsClient();
         S3Client s3 = emulators.endpoints().s3Client()) {
      provisioner.createTables(dynamo).createQueues(sqs).createBuckets(s3).createSecrets(emulators.secrets());
    }
    return new LocalCloud(emulators, template, provisioner);
  }

  /** Sets a template parameter's local value (e.g. the public URL of the local API). */
  public LocalCloud parameter(String name, String value) {
    provisioner.parameter(name, value);
    return this;
  }

  public Emulators emulators() {
    return emulators;
  }

  public Template template() {
    return template;
  }

  /** Environment of a function as Lambda would set it, pointing at the emulators. */
  public Map<String, String> environment(Template.Function function) {
    Map<String, String> env = new java.util.LinkedHashMap<>(emulators.endpoints().environment());
    env.putAll(provisioner.environment(function));
    return env;
  }

  /** Only what template.yaml gives the function (Globals merged, {@code !Ref}s resolved). */
  public Map<String, String> templateEnvironment(Template.Function function) {
    return provisioner.environment(function);
  }

  /** What {@code !Ref name} gives locally: a template parameter's value or a provisioned resource's name. */
  public String ref(String name) {
    return provisioner.ref(name);
  }

  public String physicalName(String logicalId) {
    String name = provisioner.names().get(logicalId);
    if (name == null) {
      throw new IllegalArgumentException(logicalId + " is not provisioned");
    }
    return name;
  }

  @Override
  public void close() {
    emulators.close();
  }
}
