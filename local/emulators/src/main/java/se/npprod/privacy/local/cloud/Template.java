package se.npprod.privacy.local.cloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of template.yaml that the local stack plays: tables, queues, functions and routes,
 * SQS event source mappings and EventBridge rules.
 */
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

  /**
   * An SQS event source mapping (a function's {@code Type: SQS} event), with Lambda's defaults:
   * BatchSize 10, no batching window, enabled, no partial batch responses. {@code queueId} is the
   * logical id of the queue its {@code Queue: !GetAtt X.Arn} names; {@code maximumConcurrency} is
   * ScalingConfig's, or 0 when not set.
   */
  public record QueueSource(String functionId, String eventName, String queueId, int batchSize,
      int maximumBatchingWindowSeconds, boolean reportBatchItemFailures, boolean enabled, int maximumConcurrency) {}

  /**
   * An EventBridge rule: a function's {@code Type: EventBridgeRule} (or CloudWatchEvent) event, or
   * an {@code AWS::Events::Rule} with an EventPattern. The bus is named ({@code default} unless
   * given); targets are the logical ids of the resources the rule's targets name.
   */
  public record EventRule(String name, String eventBusName, Map<String, Object> pattern, List<String> targetIds,
      boolean enabled) {}

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

  /** Every SQS event of every function, in template order. */
  public List<QueueSource> queueSources() {
    List<QueueSource> sources = new ArrayList<>();
    for (Resource r : resources("AWS::Serverless::Function")) {
      map(r.properties().get("Events")).forEach((name, e) -> {
        Map<String, Object> event = map(e);
        if (!"SQS".equals(event.get("Type"))) {
          return;
        }
        Map<String, Object> p = map(event.get("Properties"));
        String queue = logicalIdOf(p.get("Queue"), r.logicalId() + "." + name + ".Queue");
        boolean partial = list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        Object concurrency = map(p.get("ScalingConfig")).get("MaximumConcurrency");
        sources.add(new QueueSource(r.logicalId(), name, queue, integer(p.get("BatchSize"), 10),
            integer(p.get("MaximumBatchingWindowInSeconds"), 0), partial,
            !"false".equals(String.valueOf(p.get("Enabled"))), integer(concurrency, 0)));
      });
    }
    return sources;
  }

  /**
   * Every EventBridge rule with an event pattern: functions' EventBridgeRule (and CloudWatchEvent)
   * events, whose target is the function, and AWS::Events::Rule resources. Rules with only a
   * ScheduleExpression are schedules, not patterns, and are left out. Target input transformation
   * (Input, InputPath, InputTransformer) is not played: such a rule fails here rather than
   * delivering something other than what AWS would.
   */
  public List<EventRule> eventRules() {
    List<EventRule> rules = new ArrayList<>();
    for (Resource r : resources("AWS::Serverless::Function")) {
      map(r.properties().get("Events")).forEach((name, e) -> {
        Map<String, Object> event = map(e);
        if (!"EventBridgeRule".equals(event.get("Type")) && !"CloudWatchEvent".equals(event.get("Type"))) {
          return;
        }
        Map<String, Object> p = map(event.get("Properties"));
        String rule = r.logicalId() + "." + name;
        requireNoInputTransformation(p, rule);
        boolean enabled = !"DISABLED".equals(p.get("State")) && !"false".equals(String.valueOf(p.get("Enabled")));
        rules.add(new EventRule(rule, busName(p.get("EventBusName")), pattern(p.get("Pattern"), rule),
            List.of(r.logicalId()), enabled));
      });
    }
    for (Resource r : resources("AWS::Events::Rule")) {
      Map<String, Object> p = r.properties();
      if (p.get("EventPattern") == null) {
        continue;
      }
      List<String> targets = new ArrayList<>();
      for (Object t : list(p.get("Targets"))) {
        Map<String, Object> target = map(t);
        requireNoInputTransformation(target, r.logicalId());
        targets.add(logicalIdOf(target.get("Arn"), r.logicalId() + ".Targets.Arn"));
      }
      rules.add(new EventRule(r.logicalId(), busName(p.get("EventBusName")), pattern(p.get("EventPattern"), r.logicalId()),
          targets, !"DISABLED".equals(p.getOrDefault("State", "ENABLED"))));
    }
    return rules;
  }

  /** {@code !GetAtt X.Arn} (or {@code !Ref X}) to X. */
  private static String logicalIdOf(Object value, String where) {
    Map<String, Object> m = map(value instanceof Map<?, ?> ? value : null);
    if (m.containsKey("Fn::GetAtt")) {
      return String.valueOf(list(m.get("Fn::GetAtt")).get(0));
    }
    if (m.containsKey("Ref")) {
      return String.valueOf(m.get("Ref"));
    }
    throw new IllegalStateException(where + " must name a resource of this template (!GetAtt X.Arn), not " + value);
  }

  /**
   * A bus as PutEvents names it: its name. Template values may be the name, an ARN, or a
   * {@code !Ref}/{@code !GetAtt} to an AWS::Events::EventBus of this template (whose Name it is).
   */
  private String busName(Object value) {
    if (value == null) {
      return "default";
    }
    if (value instanceof Map<?, ?>) {
      String id = logicalIdOf(value, "EventBusName");
      Object name = map(map(map(root.get("Resources")).get(id)).get("Properties")).get("Name");
      if (name == null) {
        throw new IllegalStateException("EventBusName names " + id + ", which is no AWS::Events::EventBus with a Name");
      }
      return String.valueOf(name);
    }
    String name = String.valueOf(value);
    return name.startsWith("arn:") ? name.substring(name.lastIndexOf('/') + 1) : name;
  }

  /** CloudFormation takes an EventPattern as an object or as a JSON string; JSON is YAML. */
  private static Map<String, Object> pattern(Object value, String rule) {
    Object pattern = value instanceof String json ? new org.yaml.snakeyaml.Yaml().load(json) : value;
    if (!(pattern instanceof Map<?, ?>)) {
      throw new IllegalStateException(rule + " has no event pattern");
    }
    return map(pattern);
  }

  private static void requireNoInputTransformation(Map<String, Object> properties, String rule) {
    for (String key : List.of("Input", "InputPath", "InputTransformer")) {
      if (properties.containsKey(key)) {
        throw new IllegalStateException(rule + ": " + key + " is not played by the local stack");
      }
    }
  }

  private static int integer(Object value, int otherwise) {
    return value == null ? otherwise : Integer.parseInt(String.valueOf(value));
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
