package se.npprod.privacy.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients as a function builds them, once per container: the URL-connection HTTP client,
 * the region Lambda sets, credentials from the environment. Endpoint overrides
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code aws.endpointUrlDynamoDb}) are honoured by the SDK
 * itself, which is how the local stack points functions at the emulators.
 */
public final class AwsClients {
  private AwsClients() {}

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder()
        .httpClient(http())
        .region(region())
        .credentialsProvider(credentials())
        .build();
  }

  static SdkHttpClient http() {
    return UrlConnectionHttpClient.builder().build();
  }

  static Region region() {
    return Region.of(Env.require("AWS_REGION"));
  }

  static AwsCredentialsProvider credentials() {
    return AwsCredentialsProviderChain.of(
        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create());
  }
}
