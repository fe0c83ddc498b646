package se.npprod.privacy.local;

import static se.npprod.privacy.local.cloud.Template.list;
import static se.npprod.privacy.local.cloud.Template.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.npprod.privacy.local.cloud.Template;

/**
 * The SES receipt rules of template.yaml ({@code AWS::SES::ReceiptRule}), in the order SES applies
 * them: template order, with a rule's {@code After} placing it behind the rule of that name.
 *
 * <p>Played as AWS plays them: a rule applies only if {@code Enabled} is true (SES's default is
 * false); its {@code Recipients} are addresses, domains or {@code .subdomain} suffixes, matched
 * without regard to case, and none means every recipient; its actions run in order. Not played:
 * which rule set is active (CloudFormation cannot activate one, so every rule of the template
 * counts), {@code TlsPolicy: Require} (the local listener speaks no TLS), an S3 action's
 * {@code KmsKeyArn} (SES would encrypt the object with the S3 encryption client; here it is stored
 * plain) and its {@code TopicArn}, and the Bounce, SNS, WorkMail and Connect actions.
 */
final class ReceiptRuleSet {
  /** One action of a rule, its references resolved. */
  sealed interface Action {
    /** Stores the message at {@code prefix + messageId} in {@code bucket}. */
    record S3(String bucket, String prefix, String kmsKeyArn) implements Action {}

    /** Invokes the function with the template logical id {@code functionId}. */
    record Lambda(String functionId, String invocationType) implements Action {}

    /** Ends the rule set here (SES's Stop action; {@code Scope: RuleSet} is its only scope). */
    record Stop() implements Action {}

    /** Adds a header to the message for the actions and rules that follow. */
    record AddHeader(String name, String value) implements Action {}

    /** An action the local stack does not play; named so that the stack can say so once. */
    record NotPlayed(String type) implements Action {}
  }

  record Rule(String name, boolean enabled, boolean scanEnabled, String tlsPolicy, List<String> recipients,
      List<Action> actions) {
    /** Whether this rule applies to {@code recipient} (an envelope RCPT TO address). */
    boolean covers(String recipient) {
      if (recipients.isEmpty()) {
        return true;
      }
      String address = recipient.toLowerCase(Locale.ROOT);
      String domain = address.substring(address.lastIndexOf('@') + 1);
      for (String listed : recipients) {
        String entry = listed.toLowerCase(Locale.ROOT);
        boolean match = entry.contains("@") ? address.equals(entry)
            : entry.startsWith(".") ? domain.endsWith(entry) : domain.equals(entry);
        if (match) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Pattern SUB_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}");

  private final List<Rule> rules;

  private ReceiptRuleSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @param physicalName what a {@code !Ref} to a provisioned resource (the bucket) resolves to
   */
  static ReceiptRuleSet from(Template template, UnaryOperator<String> physicalName) {
    List<Rule> ordered = new ArrayList<>();
    List<Map.Entry<Rule, String>> placedAfter = new ArrayList<>();
    for (Template.Resource resource : template.resources("AWS::SES::ReceiptRule")) {
      Map<String, Object> rule = map(resource.properties().get("Rule"));
      List<Action> actions = new ArrayList<>();
      for (Object entry : list(rule.get("Actions"))) {
        map(entry).forEach((type, properties) -> actions.add(action(type, map(properties), physicalName)));
      }
      Rule parsed = new Rule(String.valueOf(rule.getOrDefault("Name", resource.logicalId())),
          Boolean.parseBoolean(String.valueOf(rule.getOrDefault("Enabled", "false"))),
          Boolean.parseBoolean(String.valueOf(rule.getOrDefault("ScanEnabled", "false"))),
          String.valueOf(rule.getOrDefault("TlsPolicy", "Optional")),
          list(rule.get("Recipients")).stream().map(r -> resolve(r, physicalName)).toList(), List.copyOf(actions));
      Object after = resource.properties().get("After");
      if (after == null) {
        ordered.add(parsed);
      } else {
        placedAfter.add(Map.entry(parsed, String.valueOf(after)));
      }
    }
    // As SES's CreateReceiptRule with After does: each rule goes right behind the one it names
    // (in template order, once that one has its place); a rule naming none of the template's goes last.
    boolean placedOne = true;
    while (!placedAfter.isEmpty() && placedOne) {
      placedOne = false;
      for (var it = placedAfter.iterator(); it.hasNext(); ) {
        var entry = it.next();
        int at = indexOf(ordered, entry.getValue());
        if (at >= 0) {
          ordered.add(at + 1, entry.getKey());
          it.remove();
          placedOne = true;
        }
      }
    }
    placedAfter.forEach(entry -> ordered.add(entry.getKey()));
    return new ReceiptRuleSet(ordered);
  }

  private static int indexOf(List<Rule> rules, String name) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Action action(String type, Map<String, Object> p, UnaryOperator<String> physicalName) {
    return switch (type) {
      case "S3Action" -> new Action.S3(resolve(p.get("BucketName"), physicalName),
          p.get("ObjectKeyPrefix") == null ? "" : String.valueOf(p.get("ObjectKeyPrefix")),
          p.get("KmsKeyArn") == null ? null : String.valueOf(p.get("KmsKeyArn")));
      case "LambdaAction" -> new Action.Lambda(functionId(p.get("FunctionArn")),
          String.valueOf(p.getOrDefault("InvocationType", "Event")));
      case "StopAction" -> new Action.Stop();
      case "AddHeaderAction" -> new Action.AddHeader(String.valueOf(p.get("HeaderName")),
          String.valueOf(p.get("HeaderValue")));
      default -> new Action.NotPlayed(type);
    };
  }

  private static String resolve(Object value, UnaryOperator<String> physicalName) {
    if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
      return physicalName.apply(String.valueOf(m.get("Ref")));
    }
    return String.valueOf(value);
  }

  /** The logical id behind {@code !GetAtt F.Arn}, {@code !Sub ${F.Arn}} or a literal function ARN. */
  static String functionId(Object functionArn) {
    if (functionArn instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
      return String.valueOf(list(m.get("Fn::GetAtt")).get(0));
    }
    if (functionArn instanceof Map<?, ?> m && m.containsKey("Fn::Sub")) {
      Matcher arn = SUB_ARN.matcher(String.valueOf(m.get("Fn::Sub")));
      if (arn.find()) {
        return arn.group(1);
      }
    }
    String literal = String.valueOf(functionArn);
    int name = literal.indexOf(":function:");
    if (name < 0) {
      throw new IllegalStateException("a LambdaAction's FunctionArn the local stack cannot resolve: " + literal);
    }
    return literal.substring(name + ":function:".length()).split(":")[0];
  }

  List<Rule> rules() {
    return rules;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether any enabled rule applies to {@code recipient}: SES refuses mail for the others. */
  boolean accepts(String recipient) {
    return rules.stream().anyMatch(r -> r.enabled() && r.covers(recipient));
  }

  /** The recipients the enabled rules name, for telling a developer where to send mail. */
  List<String> recipients() {
    return rules.stream().filter(Rule::enabled).flatMap(r -> r.recipients().stream()).distinct().toList();
  }
}
