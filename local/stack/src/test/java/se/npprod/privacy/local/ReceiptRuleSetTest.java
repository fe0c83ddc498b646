package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.npprod.privacy.local.ReceiptRuleSet.Action;
import se.npprod.privacy.local.ReceiptRuleSet.Rule;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

class ReceiptRuleSetTest {
  private static Rule rule(boolean enabled, String... recipients) {
    return new Rule("r", enabled, true, "Optional", List.of(recipients), List.of());
  }

  @Test
  void coversAddressesDomainsAndSubdomainsWithoutRegardToCase() {
    assertThat(rule(true, "info@npprod.se").covers("Info@NPPROD.se")).isTrue();
    assertThat(rule(true, "info@npprod.se").covers("other@npprod.se")).isFalse();
    assertThat(rule(true, "npprod.se").covers("anyone@npprod.se")).isTrue();
    assertThat(rule(true, "npprod.se").covers("anyone@mail.npprod.se")).isFalse();
    assertThat(rule(true, ".npprod.se").covers("anyone@mail.npprod.se")).isTrue();
    assertThat(rule(true).covers("anyone@example.org")).as("no recipients: every recipient").isTrue();
  }

  @Test
  void readsTheTemplatesRulesWithActionsInOrderAndReferencesResolved() {
    Template template = Template.load(RepoRoot.find().resolve("local/stack/src/test/resources/mail-template.yaml"));

    ReceiptRuleSet rules = ReceiptRuleSet.from(template, id -> Map.of("MailBucket", "mailbucket").get(id));

    assertThat(rules.rules()).extracting(Rule::name).containsExactly("privacy-mail", "switched-off");
    Rule mail = rules.rules().get(0);
    assertThat(mail.enabled()).isTrue();
    assertThat(mail.scanEnabled()).isTrue();
    assertThat(mail.actions()).containsExactly(new Action.S3("mailbucket", "inbound/", null),
        new Action.Lambda("MailFunction", "Event"));
    assertThat(rules.rules().get(1).enabled()).as("SES's default for Enabled is false").isFalse();
    assertThat(rules.accepts("info@npprod.se")).isTrue();
    assertThat(rules.accepts("off@npprod.se")).isFalse();
    assertThat(rules.recipients()).containsExactly("info@npprod.se");
  }

  @Test
  void placesARuleAfterTheRuleItNames(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, """
        Resources:
          Last:
            Type: AWS::SES::ReceiptRule
            Properties:
              After: first
              Rule: {Name: last, Enabled: true, Actions: [{StopAction: {Scope: RuleSet}}]}
          First:
            Type: AWS::SES::ReceiptRule
            Properties:
              Rule: {Name: first, Enabled: true, Actions: [{BounceAction: {Sender: a@npprod.se}}]}
          Middle:
            Type: AWS::SES::ReceiptRule
            Properties:
              After: first
              Rule: {Name: middle, Enabled: true}
        """);

    ReceiptRuleSet rules = ReceiptRuleSet.from(Template.load(file), id -> id);

    assertThat(rules.rules()).extracting(Rule::name).containsExactly("first", "middle", "last");
    assertThat(rules.rules().get(0).actions()).containsExactly(new Action.NotPlayed("BounceAction"));
    assertThat(rules.rules().get(2).actions()).containsExactly(new Action.Stop());
  }

  @Test
  void findsTheFunctionOfALambdaActionByGetAttSubOrLiteralArn() {
    assertThat(ReceiptRuleSet.functionId(Map.of("Fn::GetAtt", List.of("IntakeFunction", "Arn"))))
        .isEqualTo("IntakeFunction");
    assertThat(ReceiptRuleSet.functionId(Map.of("Fn::Sub", "${IntakeFunction.Arn}"))).isEqualTo("IntakeFunction");
    assertThat(ReceiptRuleSet.functionId("arn:aws:lambda:eu-north-1:123456789012:function:IntakeFunction:live"))
        .isEqualTo("IntakeFunction");
  }
}
