package se.npprod.privacy.local.cloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of template.yaml that the local stack plays: tables, queues, functions and routes. */
public final class Template {
  /** One resource: its logical id and its Properties. */
  public record Resource(String logicalId, String type, Map<String, Object> properties) {}

  /** An HttpApi event of a function: method and path as API Gateway's route key has them. */
  public record Route(String method, String path) {
    public String routeKey() {
      return method + " " + path;
    }
  }

  /**
   * A function: handler class and method, environment, timeout in seconds and memory in MB
   * (Globals merged, SAM's defaults of 3 s and 128 MB otherwise), HTTP routes.
   */
  public record Function(String logicalId, String codeUri, String handler, Map<String, Object> environment,
      int timeoutSeconds, int memorySize, List<Route> routes) {
    public String handlerClass() {
      return handler.split("::")[0];
    }
  }

  private final Map<String, Object> root;

  private Template(Map<String, Object> root) {
    this.root = root;
  }

  public static Template load(Path file) {
    return new Template(CfnYaml.load(file));
  }

  public Map<String, Object> raw() {
    return root;
  }

  public List<Resource> resources(String type) {
    List<Resource> found = new ArrayList<>();
    map(root.get("Resources")).forEach((id, value) -> {
      Map<String, Object> resource = map(value);
      if (type.equals(resource.get("Type"))) {
        found.add(new Resource(id, type, map(resource.get("Properties"))));
      }
    });
    return found;
  }

  public List<Function> functions() {
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    List<Function> functions = new ArrayList<>();
    for (Resource r : resources("AWS::Serverless::Function")) {
      Map<String, Object> env = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
      env.putAll(map(map(r.properties().get("Environment")).get("Variables")));
      List<Route> routes = new ArrayList<>();
      map(r.properties().get("Events")).forEach((name, e) -> {
        Map<String, Object> event = map(e);
        if ("HttpApi".equals(event.get("Type"))) {
          Map<String, Object> p = map(event.get("Properties"));
          routes.add(new Route(String.valueOf(p.get("Method")).toUpperCase(), String.valueOf(p.get("Path"))));
        }
      });
      functions.add(new Function(r.logicalId(), (String) r.properties().get("CodeUri"),
          (String) r.properties().get("Handler"), env, number(r.properties(), globals, "Timeout", 3),
          number(r.properties(), globals, "MemorySize", 128), routes));
    }
    return functions;
  }

  private static int number(Map<String, Object> properties, Map<String, Object> globals, String key, int otherwise) {
    Object value = properties.getOrDefault(key, globals.get(key));
    return value == null ? otherwise : Integer.parseInt(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
