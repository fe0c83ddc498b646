package se.npprod.privacy.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEventSourcesTest {
  private static Template template() throws Exception {
    return Template.load(Path.of(TemplateEventSourcesTest.class.getResource("/event-sources-template.yaml").toURI()));
  }

  @Test
  void readsSqsEventSourceMappingsWithLambdasDefaults() throws Exception {
    List<Template.QueueSource> sources = template().queueSources();

    assertThat(sources).containsExactly(
        new Template.QueueSource("Worker", "Work", "WorkQueue", 25, 2, true, true, 5),
        new Template.QueueSource("Worker", "Paused", "WorkQueue", 10, 0, false, false, 0));
  }

  @Test
  void readsEventBridgeRulesOfFunctionsAndStandaloneRulesButNotSchedules() throws Exception {
    List<Template.EventRule> rules = template().eventRules();

    assertThat(rules).containsExactly(
        new Template.EventRule("Worker.Orders", "default",
            Map.of("source", List.of("npprod.shop"), "detail-type", List.of("OrderPlaced")), List.of("Worker"), true),
        new Template.EventRule("Worker.Accounts", "shop", Map.of("detail-type", List.of("AccountChanged")),
            List.of("Worker"), false),
        new Template.EventRule("SupportRule", "shop", Map.of("source", List.of("npprod.support")), List.of("Worker"),
            true));
  }
}
