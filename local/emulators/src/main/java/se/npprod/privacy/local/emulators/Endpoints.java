package se.npprod.privacy.local.emulators;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the emulated AWS services listen, and the settings that point the SDK at them. */
public record Endpoints(URI dynamoDb, URI sqs, URI ses, URI s3, URI secretsManager) {
  public static final String REGION = "eu-north-1";
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "local-secret";

  /** Environment variables, as a Lambda function or a child JVM reads them. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
    env.put("AWS_ENDPOINT_URL_SQS", sqs.toString());
    env.put("AWS_ENDPOINT_URL_SES", ses.toString());
    env.put("AWS_ENDPOINT_URL_SESV2", ses.toString());
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.toString());
    env.put("AWS_ENDPOINT_URL_S3", s3.toString());
    return env;
  }

  /**
   * Only the endpoint overrides: what a function running under the Lambda runtime gets besides
   * its template environment (region and credentials come from Lambda itself).
   */
  public Map<String, String> endpointUrls() {
    Map<String, String> urls = new LinkedHashMap<>(environment());
    urls.keySet().removeIf(name -> !name.startsWith("AWS_ENDPOINT_URL_"));
    return urls;
  }

  /** The same settings as JVM system properties, for code running in this JVM. */
  public Map<String, String> systemProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("aws.region", REGION);
    props.put("aws.accessKeyId", ACCESS_KEY);
    props.put("aws.secretAccessKey", SECRET_KEY);
    props.put("aws.endpointUrlDynamoDb", dynamoDb.toString());
    props.put("aws.endpointUrlSqs", sqs.toString());
    props.put("aws.endpointUrlSes", ses.toString());
    props.put("aws.endpointUrlSesV2", ses.toString());
    props.put("aws.endpointUrlSecretsManager", secretsManager.toString());
    props.put("aws.endpointUrlS3", s3.toString());
    props.put("AWS_REGION", REGION);
    return props;
  }

  /** A client for provisioning and for checking what functions wrote. */
  public DynamoDbClient dynamoDbClient() {
    return DynamoDbClient.builder().endpointOverride(dynamoDb).region(Region.of(REGION))
        .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  public SqsClient sqsClient() {
    return SqsClient.builder().endpointOverride(sqs).region(Region.of(REGION))
        .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  /**
   * A client for provisioning buckets, storing received mail and checking what functions stored.
   * Path-style addressing, as s3rver serves buckets under its own host. No aws-chunked uploads and
   * checksums only where an operation requires them: s3rver predates both and would otherwise
   * store the chunk framing as part of the object.
   */
  public S3Client s3Client() {
    return S3Client.builder().endpointOverride(s3).region(Region.of(REGION))
        .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  public void applyToSystemProperties() {
    systemProperties().forEach(System::setProperty);
  }
}
