package se.npprod.privacy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import se.npprod.privacy.local.cloud.LocalCloud;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * The whole system on this machine: emulators provisioned from template.yaml, every function's
 * handler constructed as Lambda would, and their HTTP routes plus the demo site on one port.
 */
public final class LocalStack implements AutoCloseable {
  private final LocalCloud cloud;
  private final HttpApiServer server;

  private LocalStack(LocalCloud cloud, HttpApiServer server) {
    this.cloud = cloud;
    this.server = server;
  }

  public static LocalStack start(int port) {
    LocalCloud cloud = LocalCloud.start();
    try {
      // Functions run in this JVM, so their environment is given as system properties (see Env).
      cloud.emulators().endpoints().applyToSystemProperties();
      Map<String, LambdaInvoker> invokers = new LinkedHashMap<>();
      for (Template.Function function : cloud.template().functions()) {
        cloud.environment(function).forEach(System::setProperty);
        invokers.put(function.logicalId(), LambdaInvoker.load(function.handlerClass()));
      }
      Path root = RepoRoot.find();
      return new LocalStack(cloud, new HttpApiServer(port, cloud.template().functions(), invokers, root));
    } catch (IOException e) {
      cloud.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  public LocalCloud cloud() {
    return cloud;
  }

  public String baseUrl() {
    return "http://localhost:" + server.port();
  }

  @Override
  public void close() {
    server.close();
    cloud.close();
  }
}
