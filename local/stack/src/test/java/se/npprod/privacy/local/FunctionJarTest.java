package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/**
 * What `sam deploy` uploads: every function's CodeUri is the jar `mvn package` built, holding its
 * handler and the policy, none of the heavy HTTP clients and nothing from test scope.
 */
class FunctionJarTest {
  private static final List<String> FORBIDDEN = List.of("io/netty/", "org/apache/http/",
      "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/netty/", "org/elasticmq/",
      "org/openqa/selenium/", "org/junit/", "org/assertj/", "com/amazonaws/services/lambda/runtime/tests/",
      "se/npprod/privacy/core/testing/", "se/npprod/privacy/local/", "org/yaml/snakeyaml/");

  @Test
  void everyFunctionsCodeUriIsItsLeanCompleteDeployableJar() throws Exception {
    Path root = RepoRoot.find();
    List<Template.Function> functions = Template.load(root.resolve("template.yaml")).functions();
    assertThat(functions).isNotEmpty();
    for (Template.Function f : functions) {
      assertThat(f.codeUri()).as(f.logicalId() + " CodeUri").matches("functions/([a-z-]+)/target/\\1-lambda\\.jar");
      Path jar = root.resolve(f.codeUri());
      assertThat(jar).as(f.logicalId() + ": run mvn package").isRegularFile();
      try (JarFile file = new JarFile(jar.toFile())) {
        List<String> names = file.stream().map(java.util.zip.ZipEntry::getName).toList();
        assertThat(names).as(f.logicalId()).contains(f.handlerClass().replace('.', '/') + ".class", "policy/npprod.json",
            "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class", "org/crac/Core.class");
        for (String prefix : FORBIDDEN) {
          assertThat(names).as(f.logicalId() + " must not bundle " + prefix).noneMatch(n -> n.startsWith(prefix));
        }
        assertThat(names).as(f.logicalId() + " bundles test classes").noneMatch(n -> n.endsWith("Test.class"));
        System.out.printf("%s: %s, %.1f MB, %d entries%n", f.logicalId(), f.codeUri(),
            Files.size(jar) / 1_048_576.0, names.size());
      }
    }
  }
}
