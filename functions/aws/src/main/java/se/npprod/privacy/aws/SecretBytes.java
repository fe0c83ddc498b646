package se.npprod.privacy.aws;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A secret from AWS Secrets Manager, read once per container (at init, or before a SnapStart
 * snapshot): the HMAC key of subject keys. CloudFormation generates it at deployment, so it is in
 * no template, no environment variable and no repository.
 */
public final class SecretBytes {
  /** The ARN of the subject-key secret (template.yaml: SubjectKeySecret). */
  public static final String SUBJECT_KEY_ENV = "SUBJECT_KEY_SECRET_ARN";

  private SecretBytes() {}

  public static byte[] read(SecretsManagerClient secrets, String secretId) {
    String value = Dependency.call("secrets", () -> secrets.getSecretValue(b -> b.secretId(secretId))).secretString();
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the secret " + secretId + " has no string value");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
