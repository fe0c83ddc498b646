package se.npprod.privacy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.npprod.privacy.local.emulators.Emulators;
import se.npprod.privacy.local.emulators.Endpoints;
import se.npprod.privacy.local.emulators.EmulatorsExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(EmulatorsExtension.class)
class AwsClientsS3Test {
  private static final Map<String, String> KEYS = Map.of(
      "AWS_REGION", Endpoints.REGION, "AWS_ACCESS_KEY_ID", Endpoints.ACCESS_KEY,
      "AWS_SECRET_ACCESS_KEY", Endpoints.SECRET_KEY);

  @AfterEach
  void forgetKeys() {
    KEYS.keySet().forEach(System::clearProperty);
  }

  @Test
  void aFunctionsS3ClientStoresAndReadsExactBytesOnTheEmulatorByItsEndpointOverrideAlone(Emulators emulators) {
    KEYS.forEach(System::setProperty);
    String localhost = "http://localhost:" + emulators.endpoints().s3().getPort();
    String previous = System.setProperty("aws.endpointUrlS3", localhost);
    byte[] mail = "Subject: =?UTF-8?Q?Beg=C3=A4ran?=\r\n\r\nHej!\r\n".getBytes(StandardCharsets.UTF_8);
    try (S3Client s3 = AwsClients.s3()) {
      s3.createBucket(b -> b.bucket("aws-clients-probe"));

      s3.putObject(b -> b.bucket("aws-clients-probe").key("inbox/m1"), RequestBody.fromBytes(mail));

      assertThat(s3.getObjectAsBytes(b -> b.bucket("aws-clients-probe").key("inbox/m1")).asByteArray())
          .as("no aws-chunked framing stored, and a localhost endpoint addressed path-style").isEqualTo(mail);
    } finally {
      System.setProperty("aws.endpointUrlS3", previous);
    }
  }

  @Test
  void withoutAnEndpointOverrideTheSdkDefaultsStandAsOnAws() {
    assumeTrue(System.getenv("AWS_ENDPOINT_URL_S3") == null && System.getenv("AWS_ENDPOINT_URL") == null);
    String previous = System.clearProperty("aws.endpointUrlS3");
    try {
      assertThat(AwsClients.s3EndpointOverridden()).isFalse();
    } finally {
      if (previous != null) {
        System.setProperty("aws.endpointUrlS3", previous);
      }
    }
  }
}
