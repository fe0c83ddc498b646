package se.npprod.privacy.local.emulators;

import org.junit.jupiter.api.extension.ExtensionContext;
import se.npprod.privacy.local.cloud.LocalCloud;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one set of running emulators per test JVM, started on first use and stopped when
 * the run ends. Its endpoints are also set as SDK system properties.
 */
public final class EmulatorsExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EmulatorsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Emulators.class || type == Endpoints.class || type == LocalCloud.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalCloud.class) {
      return cloud(context);
    }
    Emulators emulators = shared(context);
    return type == Endpoints.class ? emulators.endpoints() : emulators;
  }

  /** The emulators with template.yaml provisioned, once per test JVM. */
  public static LocalCloud cloud(ExtensionContext context) {
    Emulators emulators = shared(context);
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("cloud",
        key -> LocalCloud.provision(emulators, RepoRoot.find().resolve("template.yaml")), LocalCloud.class);
  }

  public static Emulators shared(ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("emulators", key -> {
      Emulators started = Emulators.start();
      started.endpoints().applyToSystemProperties();
      return started;
    }, Emulators.class);
  }
}
