package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

/** The endpoint answers what the SDK's own ContainerCredentialsProvider reads, and only with the token. */
class ContainerCredentialsTest {
  private final ContainerCredentials endpoint = newEndpoint();

  private static ContainerCredentials newEndpoint() {
    try {
      return new ContainerCredentials();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    endpoint.close();
    System.clearProperty("aws.containerCredentialsFullUri");
    System.clearProperty("aws.containerAuthorizationToken");
  }

  /** The SDK reads the two variables from system properties too, so this JVM can stand in for a function's. */
  private static ContainerCredentialsProvider provider(Map<String, String> env, String token) {
    System.setProperty("aws.containerCredentialsFullUri", env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
    System.setProperty("aws.containerAuthorizationToken", token);
    return ContainerCredentialsProvider.builder().build();
  }

  @Test
  void theSdksContainerProviderGetsSessionCredentialsWithTheToken() {
    Map<String, String> env = endpoint.environmentForNewEnvironment();

    try (ContainerCredentialsProvider provider = provider(env, env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))) {
      var credentials = provider.resolveCredentials();

      assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
      assertThat(credentials.accessKeyId()).isEqualTo("local");
      assertThat(credentials.secretAccessKey()).isEqualTo("local-secret");
      assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("local-session");
      assertThat(((AwsSessionCredentials) credentials).expirationTime()).isPresent();
    }
  }

  @Test
  void aWrongTokenGetsNoCredentials() {
    Map<String, String> env = endpoint.environmentForNewEnvironment();

    try (ContainerCredentialsProvider provider = provider(env, "guessed")) {
      assertThatThrownBy(provider::resolveCredentials).isNotNull();
    }
  }
}
