package se.npprod.privacy.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * SDK clients as a function builds them, once per container: the URL-connection HTTP client, the
 * region Lambda sets, one credentials source chosen up front, and timeouts well inside the
 * function's own (10 s in template.yaml) so a slow dependency becomes a 503, not a hung request.
 *
 * <p>Credentials come from the one place that applies, so a cold start never probes the others:
 * <ul>
 *   <li>Lambda with SnapStart serves them from a container endpoint
 *       ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN});
 *       they expire and are refreshed by the provider, also after a snapshot is restored;</li>
 *   <li>Lambda without SnapStart sets {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 *       {@code AWS_SESSION_TOKEN} for the life of the execution environment (read through
 *       {@link Env}, so handler tests in a shared JVM can give them as system properties).</li>
 * </ul>
 * Endpoint overrides ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code aws.endpointUrlDynamoDb}) are
 * honoured by the SDK itself, which is how the local stack points functions at the emulators.
 */
public final class AwsClients {
  static final String CONTAINER_CREDENTIALS = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String ACCESS_KEY = "AWS_ACCESS_KEY_ID";
  static final String SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  /** One attempt: DynamoDB answers in milliseconds; a first TLS handshake takes a few hundred. */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  /** All attempts of one call, retries included; two calls in a request stay under 10 s. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private AwsClients() {}

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(timeouts())
        .build();
  }

  public static software.amazon.awssdk.services.sesv2.SesV2Client sesV2() {
    return software.amazon.awssdk.services.sesv2.SesV2Client.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(timeouts())
        .build();
  }

  public static software.amazon.awssdk.services.sqs.SqsClient sqs() {
    return software.amazon.awssdk.services.sqs.SqsClient.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(timeouts())
        .build();
  }

  public static software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager() {
    return software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(timeouts())
        .build();
  }

  /**
   * S3, for mail that SES stored. With no endpoint override (on AWS) the SDK's defaults hold:
   * virtual-hosted addressing, aws-chunked uploads, flexible checksums. With one (the local stack's
   * s3rver) three settings change, each because the emulator needs it: path-style addressing
   * (a host name such as localhost would otherwise become {@code bucket.localhost}; the SDK's own
   * endpoint rules choose path style only for an IP address), and plain uploads with checksums
   * only where required (s3rver would store the aws-chunked framing as part of the object). The
   * SDK reads no setting for path style from the environment, so it is decided here.
   */
  public static S3Client s3() {
    var builder = S3Client.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .overrideConfiguration(timeouts());
    if (s3EndpointOverridden()) {
      builder.forcePathStyle(true)
          .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /**
   * Signs short-lived download links to S3 objects (no call to AWS is made). The presigner takes
   * no endpoint override from the environment, so the local stack's is given to it here, with the
   * same path-style addressing as {@link #s3()}.
   */
  public static software.amazon.awssdk.services.s3.presigner.S3Presigner s3Presigner() {
    var builder = software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
        .region(region())
        .credentialsProvider(credentials());
    java.util.Optional<String> endpoint = Env.sdkSetting("aws.endpointUrlS3", "AWS_ENDPOINT_URL_S3")
        .or(() -> Env.sdkSetting("aws.endpointUrl", "AWS_ENDPOINT_URL"));
    if (endpoint.isPresent()) {
      builder.endpointOverride(java.net.URI.create(endpoint.get()))
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  /** Whether the SDK will send S3 calls to an endpoint override (its service-specific or global setting). */
  static boolean s3EndpointOverridden() {
    return Env.sdkSetting("aws.endpointUrlS3", "AWS_ENDPOINT_URL_S3").isPresent()
        || Env.sdkSetting("aws.endpointUrl", "AWS_ENDPOINT_URL").isPresent();
  }

  static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(CONNECT_TIMEOUT)
        .socketTimeout(ATTEMPT_TIMEOUT)
        .build();
  }

  static ClientOverrideConfiguration timeouts() {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
        .apiCallTimeout(CALL_TIMEOUT)
        .build();
  }

  static Region region() {
    return Region.of(Env.require("AWS_REGION"));
  }

  static AwsCredentialsProvider credentials() {
    if (Env.optional(CONTAINER_CREDENTIALS).isPresent()) {
      // The provider reads the URI and the authorization token from the process environment.
      return ContainerCredentialsProvider.builder().build();
    }
    String key = Env.require(ACCESS_KEY);
    String secret = Env.require(SECRET_KEY);
    return StaticCredentialsProvider.create(Env.optional(SESSION_TOKEN)
        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
            token -> AwsSessionCredentials.create(key, secret, token))
        .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
  }
}
