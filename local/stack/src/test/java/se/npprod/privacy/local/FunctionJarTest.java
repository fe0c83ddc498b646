package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/** The deployable jars hold what Lambda needs and none of the heavy HTTP clients. */
class FunctionJarTest {
  private static final List<String> FORBIDDEN = List.of("io/netty/", "org/apache/http/",
      "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/netty/", "org/elasticmq/",
      "org/openqa/selenium/", "org/junit/");

  @Test
  void everyFunctionJarIsLeanAndComplete() throws Exception {
    Path root = RepoRoot.find();
    for (Template.Function f : Template.load(root.resolve("template.yaml")).functions()) {
      Path jar;
      try (Stream<Path> files = Files.list(root.resolve(f.codeUri()).resolve("target"))) {
        jar = files.filter(p -> p.toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        List<String> names = file.stream().map(java.util.zip.ZipEntry::getName).toList();
        assertThat(names).as(f.logicalId()).contains(f.handlerClass().replace('.', '/') + ".class",
            "policy/npprod.yaml", "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
            "org/crac/Core.class");
        for (String prefix : FORBIDDEN) {
          assertThat(names).as(f.logicalId() + " must not bundle " + prefix).noneMatch(n -> n.startsWith(prefix));
        }
        System.out.printf("%s: %s, %.1f MB, %d entries%n", f.logicalId(), jar.getFileName(),
            Files.size(jar) / 1_048_576.0, names.size());
      }
    }
  }
}
