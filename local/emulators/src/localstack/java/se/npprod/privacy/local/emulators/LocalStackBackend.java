package se.npprod.privacy.local.emulators;

import java.net.URI;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** Opt-in backend (mvn -Plocalstack): LocalStack in Docker through Testcontainers. */
public final class LocalStackBackend {
  private LocalStackBackend() {}

  public static Object start() {
    LocalStackContainer container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
        .withServices(LocalStackContainer.EnabledService.named("dynamodb"),
            LocalStackContainer.EnabledService.named("sqs"), LocalStackContainer.EnabledService.named("ses"),
            LocalStackContainer.EnabledService.named("s3"));
    container.start();
    return container;
  }

  public static Endpoints endpoints(Object container) {
    URI uri = ((LocalStackContainer) container).getEndpoint();
    return new Endpoints(uri, uri, uri, uri, uri);
  }
}
