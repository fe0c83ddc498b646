package se.npprod.privacy.local.cloud;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML, turning the short tags into their long JSON forms:
 * {@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}.
 */
public final class CfnYaml {
  private static final List<String> FUNCTIONS = List.of("Sub", "Join", "Select", "Split", "If", "Equals",
      "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "ImportValue", "GetAZs", "Condition", "Transform");

  private CfnYaml() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> load(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml(new CfnConstructor()).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!GetAtt"), new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          Object value = constructValue(node);
          Object args = value instanceof String s ? Arrays.asList(s.split("\\.", 2)) : value;
          return Map.of("Fn::GetAtt", args);
        }
      });
      for (String fn : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn.equals("Condition") ? "Condition" : "Fn::" + fn));
      }
    }

    private Object constructValue(Node node) {
      if (node instanceof ScalarNode scalar) {
        return constructScalar(scalar);
      } else if (node instanceof SequenceNode seq) {
        return constructSequence(seq);
      }
      return constructMapping((MappingNode) node);
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        return Map.of(key, constructValue(node));
      }
    }
  }
}
