package se.npprod.privacy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.local.cloud.CfnYaml;

/**
 * Checks template.yaml against AWS's own descriptions of it, as far as that can be done without an
 * AWS account:
 * <ul>
 *   <li>every {@code AWS::Serverless::*} resource and {@code Globals} against the AWS SAM JSON Schema
 *       (draft-04, from aws/serverless-application-model);</li>
 *   <li>every other resource against the CloudFormation resource specification ({@code @aws-cdk/cfnspec}):
 *       property names, required properties, primitive types, lists, maps and nested property types;</li>
 *   <li>every {@code !Ref}, {@code !GetAtt}, {@code !Sub} variable and {@code DependsOn} names something
 *       that exists.</li>
 * </ul>
 * An intrinsic function (a one-key map: {@code Ref} or {@code Fn::*}) is accepted wherever a value is
 * expected; what it names is checked by the reference check.
 */
final class TemplateChecker {
  private static final String SAM_ID = "https://npprod.se/schemas/sam.schema.json";
  private static final String SAM_RESOURCE = "samtranslator__internal__schema_source__aws_serverless_%s__Resource";

  /**
   * Properties the template uses that are newer than the pinned CloudFormation specification: each
   * one is accepted without a type check, with the reason. @aws-cdk/cfnspec 2.72.1 carries
   * CloudFormation's resource specification 117.0.0 (March 2023), which has every other property the
   * template uses (DeletionProtectionEnabled of AWS::DynamoDB::Table included). Add an entry
   * ({@code "AWS::Type.Property"} or {@code "AWS::Type.PropertyType.Property"}) only with the date
   * and the CloudFormation documentation page that shows the property; {@link #staleExceptions()}
   * reports entries the spec has caught up with.
   */
  static final Map<String, String> NEWER_THAN_SPEC = Map.of(
      // SAM passes Function.LoggingConfig through to AWS::Lambda::Function, whose LoggingConfig
      // (JSON/text format, log levels, LogGroup) came with Lambda's advanced logging controls in
      // November 2023; resource specification 117.0.0 (March 2023) predates it. See
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-loggingconfig.html
      "AWS::Lambda::Function.LoggingConfig", "Lambda advanced logging controls, November 2023",
      // SES configuration sets publish events straight to an EventBridge bus since 2024; the
      // resource specification (March 2023) knows only CloudWatch, Firehose, Pinpoint and SNS. See
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ses-configurationseteventdestination-eventdestination.html
      "AWS::SES::ConfigurationSetEventDestination.EventDestination.EventBridgeDestination",
      "SES event destinations on EventBridge, 2024");

  /**
   * Where SAM passes a property through unchanged: the CloudFormation types it lands on, in the order
   * looked up. SAM's schema types these properties as "anything" (PassThroughProp), so the
   * CloudFormation specification of the target checks them instead.
   */
  private static final Map<String, List<String>> PASSED_THROUGH_TO = Map.of(
      "function", List.of("AWS::Lambda::Function"),
      "httpapi", List.of("AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Api"));

  /** Pseudo parameters CloudFormation resolves in every template. */
  private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

  /**
   * Attributes of SAM resources: SAM turns each into the CloudFormation resource named here, and
   * {@code !GetAtt} on the SAM resource reaches that resource's attributes.
   */
  private static final Map<String, String> SAM_ATTRIBUTES_FROM = Map.of(
      "AWS::Serverless::Function", "AWS::Lambda::Function",
      "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api",
      "AWS::Serverless::Api", "AWS::ApiGateway::RestApi",
      "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table",
      "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine",
      "AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion");

  private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
      "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
  private static final Set<String> POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(?!!)([^}]+)}");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  /** What a check found. */
  record Report(List<String> problems, Map<String, Integer> checked) {}

  private final ObjectMapper json = new ObjectMapper();
  private final SchemaRegistry sam;
  private final Set<String> samDefinitions = new TreeSet<>();
  /** "function.Properties" or "function.Globals" to the names SAM's schema marks PassThroughProp. */
  private final Map<String, Set<String>> passThrough = new HashMap<>();
  private final Map<String, Schema> samSchemas = new HashMap<>();
  private final JsonNode resourceTypes;
  private final JsonNode propertyTypes;

  TemplateChecker(Path samSchema, Path cfnSpecification) {
    try {
      String samText = Files.readString(samSchema);
      JsonNode definitions = json.readTree(samText).path("definitions");
      definitions.fieldNames().forEachRemaining(samDefinitions::add);
      for (String samType : PASSED_THROUGH_TO.keySet()) {
        for (String part : List.of("Properties", "Globals")) {
          Set<String> names = new TreeSet<>();
          definitions.path("samtranslator__internal__schema_source__aws_serverless_" + samType + "__" + part)
              .path("properties").fields().forEachRemaining(p -> {
                if ("#/definitions/PassThroughProp".equals(p.getValue().path("allOf").path(0).path("$ref").asText())) {
                  names.add(p.getKey());
                }
              });
          passThrough.put(samType + "." + part, names);
        }
      }
      sam = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemas(Map.of(SAM_ID, samText)));
      JsonNode spec = json.readTree(cfnSpecification.toFile());
      resourceTypes = spec.path("ResourceTypes");
      propertyTypes = spec.path("PropertyTypes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Exception entries the specification now has, so they should go. */
  List<String> staleExceptions() {
    List<String> stale = new ArrayList<>();
    for (String entry : NEWER_THAN_SPEC.keySet()) {
      int dot = entry.lastIndexOf('.');
      String owner = entry.substring(0, dot);
      JsonNode properties = (owner.indexOf('.') < 0 ? resourceTypes : propertyTypes).path(owner).path("Properties");
      if (properties.has(entry.substring(dot + 1))) {
        stale.add(entry);
      }
    }
    return stale;
  }

  Report check(Path templateFile) {
    Map<String, Object> template = CfnYaml.load(templateFile);
    List<String> problems = new ArrayList<>();
    Map<String, Integer> checked = new TreeMap<>();
    Map<String, Object> resources = map(template.get("Resources"));

    if (template.containsKey("Globals")) {
      validateSam("Globals", "#/definitions/__main____Globals", template.get("Globals"), problems);
      map(template.get("Globals")).forEach((section, values) -> checkPassedThrough("Globals." + section,
          section.toLowerCase(), "Globals", map(values), problems));
      checked.merge("SAM schema (Globals)", 1, Integer::sum);
    }
    resources.forEach((id, value) -> {
      Map<String, Object> resource = map(value);
      String type = String.valueOf(resource.get("Type"));
      if (type.startsWith("AWS::Serverless::")) {
        String definition = SAM_RESOURCE.formatted(type.substring("AWS::Serverless::".length()).toLowerCase());
        if (!samDefinitions.contains(definition)) {
          problems.add(id + ": " + type + " is not a SAM resource type");
        } else {
          validateSam(id, "#/definitions/" + definition, resource, problems);
          checkPassedThrough(id + ".Properties", type.substring("AWS::Serverless::".length()).toLowerCase(),
              "Properties", map(resource.get("Properties")), problems);
        }
        checked.merge("SAM schema", 1, Integer::sum);
      } else {
        checkCfnResource(id, type, resource, problems);
        checked.merge("CloudFormation spec", 1, Integer::sum);
      }
    });

    References refs = new References(template, resources, problems);
    for (String section : List.of("Globals", "Resources", "Outputs", "Conditions")) {
      refs.walk(section, template.get(section));
    }
    resources.forEach((id, value) -> {
      Object dependsOn = map(value).get("DependsOn");
      for (Object target : dependsOn instanceof List<?> l ? l : dependsOn == null ? List.of() : List.of(dependsOn)) {
        if (!resources.containsKey(String.valueOf(target))) {
          problems.add(id + ".DependsOn: no resource " + target);
        }
      }
    });
    checked.put("references", refs.count);
    return new Report(problems, checked);
  }

  // --- SAM -------------------------------------------------------------------------------------------

  private void validateSam(String where, String pointer, Object value, List<String> problems) {
    Schema schema = samSchemas.computeIfAbsent(pointer, p -> sam.getSchema(SchemaLocation.of(SAM_ID + p)));
    try {
      for (var error : schema.validate(json.writeValueAsString(value), InputFormat.JSON)) {
        problems.add(where + error.getInstanceLocation().toString().replaceFirst("^\\$", "") + ": "
            + error.getMessage() + " (SAM schema)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SAM's pass-through properties against the CloudFormation resource they are passed to. */
  private void checkPassedThrough(String where, String samType, String part, Map<String, Object> values,
      List<String> problems) {
    Set<String> names = passThrough.getOrDefault(samType + "." + part, Set.of());
    values.forEach((name, value) -> {
      if (!names.contains(name)) {
        return;
      }
      for (String target : PASSED_THROUGH_TO.get(samType)) {
        JsonNode spec = resourceTypes.path(target).path("Properties").get(name);
        if (spec != null) {
          checkValue(where + "." + name, target, spec, value, problems);
          return;
        }
      }
      String first = PASSED_THROUGH_TO.get(samType).get(0);
      if (!NEWER_THAN_SPEC.containsKey(first + "." + name)) {
        problems.add(where + "." + name + ": SAM passes it through, but " + PASSED_THROUGH_TO.get(samType)
            + " has no such property");
      }
    });
  }

  // --- CloudFormation --------------------------------------------------------------------------------

  private void checkCfnResource(String id, String type, Map<String, Object> resource, List<String> problems) {
    for (String key : resource.keySet()) {
      if (!RESOURCE_KEYS.contains(key)) {
        problems.add(id + ": unknown resource attribute " + key);
      }
    }
    for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
      if (resource.containsKey(policy) && !POLICIES.contains(String.valueOf(resource.get(policy)))) {
        problems.add(id + "." + policy + ": " + resource.get(policy) + " is not one of " + new TreeSet<>(POLICIES));
      }
    }
    JsonNode spec = resourceTypes.path(type);
    if (spec.isMissingNode()) {
      problems.add(id + ": unknown resource type " + type);
      return;
    }
    Object properties = resource.get("Properties");
    if (properties != null && !(properties instanceof Map<?, ?>)) {
      problems.add(id + ".Properties: expected a map");
      return;
    }
    checkProperties(id + ".Properties", type, type, spec.path("Properties"), map(properties), problems);
  }

  private void checkProperties(String where, String resourceType, String owner, JsonNode specs,
      Map<String, Object> values, List<String> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = specs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (p.getValue().path("Required").asBoolean() && !values.containsKey(p.getKey())) {
        problems.add(where + ": required property " + p.getKey() + " is missing (" + owner + ")");
      }
    }
    values.forEach((name, value) -> {
      JsonNode spec = specs.get(name);
      if (spec == null) {
        if (!NEWER_THAN_SPEC.containsKey(owner + "." + name)) {
          problems.add(where + "." + name + ": unknown property of " + owner);
        }
      } else {
        checkValue(where + "." + name, resourceType, spec, value, problems);
      }
    });
  }

  /** One value against a property (or item) specification: PrimitiveType(s), Type(s), ItemType(s). */
  private void checkValue(String where, String resourceType, JsonNode spec, Object value, List<String> problems) {
    if (isIntrinsic(value)) {
      return;
    }
    List<String> primitives = names(spec, "PrimitiveType", "PrimitiveTypes");
    List<String> types = names(spec, "Type", "Types");
    List<String> failures = new ArrayList<>();
    for (String primitive : primitives) {
      String failure = primitiveProblem(primitive, value);
      if (failure == null) {
        return;
      }
      failures.add(failure);
    }
    for (String type : types) {
      List<String> found = new ArrayList<>();
      if (type.equals("List") || type.equals("Map")) {
        collectionProblems(where, resourceType, type, spec, value, found);
      } else {
        JsonNode propertyType = propertyType(resourceType, type);
        if (propertyType == null) {
          found.add(where + ": the specification has no property type " + type);
        } else if (propertyType.has("PrimitiveType") || propertyType.has("Type")) {
          checkValue(where, resourceType, propertyType, value, found);
        } else if (value instanceof Map<?, ?>) {
          checkProperties(where, resourceType, resourceType + "." + type, propertyType.path("Properties"), map(value),
              found);
        } else {
          found.add(where + ": expected " + type + " (a map), got " + describe(value));
        }
      }
      if (found.isEmpty()) {
        return;
      }
      if (types.size() + primitives.size() == 1) {
        problems.addAll(found);
        return;
      }
      failures.add(found.get(0));
    }
    if (!failures.isEmpty()) {
      problems.add(where + ": " + String.join("; or ", failures));
    }
  }

  private void collectionProblems(String where, String resourceType, String kind, JsonNode spec, Object value,
      List<String> problems) {
    JsonNode item = itemSpec(spec);
    if (kind.equals("List")) {
      if (!(value instanceof List<?> list)) {
        problems.add(where + ": expected a list, got " + describe(value));
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        checkValue(where + "[" + i + "]", resourceType, item, list.get(i), problems);
      }
    } else {
      if (!(value instanceof Map<?, ?> m)) {
        problems.add(where + ": expected a map, got " + describe(value));
        return;
      }
      m.forEach((k, v) -> checkValue(where + "." + k, resourceType, item, v, problems));
    }
  }

  /** The specification of a List's or Map's items, as a property specification of its own. */
  private JsonNode itemSpec(JsonNode spec) {
    var item = json.createObjectNode();
    if (spec.has("PrimitiveItemType")) {
      item.set("PrimitiveType", spec.get("PrimitiveItemType"));
    }
    if (spec.has("PrimitiveItemTypes")) {
      item.set("PrimitiveTypes", spec.get("PrimitiveItemTypes"));
    }
    if (spec.has("ItemType")) {
      item.set("Type", spec.get("ItemType"));
    }
    if (spec.has("ItemTypes")) {
      item.set("Types", spec.get("ItemTypes"));
    }
    return item;
  }

  private JsonNode propertyType(String resourceType, String name) {
    JsonNode own = propertyTypes.get(resourceType + "." + name);
    return own != null ? own : propertyTypes.get(name); // e.g. Tag, shared by every resource type
  }

  private static String primitiveProblem(String primitive, Object value) {
    boolean ok = switch (primitive) {
      case "String", "Timestamp" -> value instanceof String;
      case "Integer", "Long" -> value instanceof Integer || value instanceof Long
          || value instanceof java.math.BigInteger || value instanceof String s && INTEGER.matcher(s).matches();
      case "Double" -> value instanceof Number || value instanceof String s && NUMBER.matcher(s).matches();
      case "Boolean" -> value instanceof Boolean || "true".equals(value) || "false".equals(value);
      case "Json" -> value instanceof Map<?, ?> || value instanceof String;
      default -> false;
    };
    return ok ? null : "expected " + primitive + ", got " + describe(value);
  }

  private static List<String> names(JsonNode spec, String single, String plural) {
    List<String> names = new ArrayList<>();
    if (spec.hasNonNull(single)) {
      names.add(spec.get(single).asText());
    }
    spec.path(plural).forEach(n -> names.add(n.asText()));
    return names;
  }

  // --- references ------------------------------------------------------------------------------------

  /** Ref, GetAtt, Sub: what each names must exist. */
  private final class References {
    private final Map<String, Object> resources;
    private final Set<String> refTargets = new TreeSet<>(PSEUDO);
    private final Set<String> generatedGetAtt = new TreeSet<>();
    private final List<String> problems;
    int count;

    References(Map<String, Object> template, Map<String, Object> resources, List<String> problems) {
      this.resources = resources;
      this.problems = problems;
      refTargets.addAll(map(template.get("Parameters")).keySet());
      refTargets.addAll(resources.keySet());
      Map<String, Object> functionGlobals = map(map(template.get("Globals")).get("Function"));
      resources.forEach((id, value) -> {
        String type = String.valueOf(map(value).get("Type"));
        Map<String, Object> properties = map(map(value).get("Properties"));
        // Names SAM generates and documents ("Referencing AWS SAM generated resources").
        if (type.equals("AWS::Serverless::Function")) {
          if (properties.containsKey("AutoPublishAlias") || functionGlobals.containsKey("AutoPublishAlias")) {
            refTargets.add(id + ".Alias");
            refTargets.add(id + ".Version");
          }
          if (!properties.containsKey("Role")) {
            refTargets.add(id + "Role");
            generatedGetAtt.add(id + "Role.Arn");
          }
        } else if (type.equals("AWS::Serverless::HttpApi") || type.equals("AWS::Serverless::Api")) {
          refTargets.add(id + ".Stage");
        }
      });
    }

    void walk(String where, Object node) {
      if (node instanceof Map<?, ?> m) {
        if (m.size() == 1 && m.containsKey("Ref")) {
          ref(where, String.valueOf(m.get("Ref")));
        } else if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
          getAtt(where, m.get("Fn::GetAtt"));
        } else if (m.size() == 1 && m.containsKey("Fn::Sub")) {
          sub(where, m.get("Fn::Sub"));
        }
        m.forEach((k, v) -> walk(where + "." + k, v));
      } else if (node instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          walk(where + "[" + i + "]", l.get(i));
        }
      }
    }

    private void ref(String where, String target) {
      count++;
      if (!refTargets.contains(target)) {
        problems.add(where + ": !Ref " + target + " names no parameter, resource or pseudo parameter");
      }
    }

    private void getAtt(String where, Object args) {
      count++;
      List<?> parts = args instanceof List<?> l ? l : List.of(String.valueOf(args).split("\\.", 2));
      if (parts.size() != 2 || isIntrinsic(parts.get(1))) {
        if (parts.size() != 2) {
          problems.add(where + ": !GetAtt needs Resource.Attribute, got " + args);
        }
        return;
      }
      String resource = String.valueOf(parts.get(0));
      String attribute = String.valueOf(parts.get(1));
      if (generatedGetAtt.contains(resource + "." + attribute)) {
        return;
      }
      if (!resources.containsKey(resource)) {
        problems.add(where + ": !GetAtt " + resource + "." + attribute + ": no resource " + resource);
        return;
      }
      String type = String.valueOf(map(resources.get(resource)).get("Type"));
      JsonNode attributes = resourceTypes.path(SAM_ATTRIBUTES_FROM.getOrDefault(type, type)).path("Attributes");
      if (!attributes.has(attribute)) {
        List<String> known = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(known::add);
        problems.add(where + ": !GetAtt " + resource + "." + attribute + ": " + type + " has no attribute "
            + attribute + " (it has " + known + ")");
      }
    }

    private void sub(String where, Object args) {
      String text;
      Set<String> local = new TreeSet<>();
      if (args instanceof List<?> l && l.size() == 2) {
        text = String.valueOf(l.get(0));
        local.addAll(map(l.get(1)).keySet());
      } else {
        text = String.valueOf(args);
      }
      Matcher m = SUB_VARIABLE.matcher(text);
      while (m.find()) {
        String name = m.group(1).trim();
        if (local.contains(name)) {
          continue;
        }
        int dot = name.indexOf('.');
        if (dot > 0 && !refTargets.contains(name)) {
          getAtt(where + " ${" + name + "}", List.of(name.substring(0, dot), name.substring(dot + 1)));
        } else {
          ref(where + " ${" + name + "}", name);
        }
      }
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------

  private static boolean isIntrinsic(Object value) {
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      String key = String.valueOf(m.keySet().iterator().next());
      return key.equals("Ref") || key.startsWith("Fn::");
    }
    return false;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String kind = value instanceof Map<?, ?> ? "a map" : value instanceof List<?> ? "a list"
        : value.getClass().getSimpleName();
    return kind + " " + (value instanceof String s ? "'" + s + "'" : String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }
}
