package io.agw.control.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charts under {@code helm/}, rendered by a real Helm (helm-java bundles Helm's Go library) and
 * parsed back into Kubernetes objects.
 */
final class Charts {

  static final Path CONTROL = chart("agw-control");
  static final Path GATEWAY = chart("agw-gateway");

  private Charts() {}

  private static Path chart(String name) {
    // Tests run in the module's directory; the charts are beside it.
    Path dir = Path.of("..", "helm", name).toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new IllegalStateException("no chart at " + dir);
    }
    return dir;
  }

  /** {@code helm template <release> <chart> -n <namespace>} with the given settings. */
  static Rendered template(Path chart, UnaryOperator<TemplateCommand> settings) {
    String yaml =
        settings
            .apply(new Helm(chart).template().withName("agw").withNamespace("agw-system"))
            .call();
    return new Rendered(yaml, parse(yaml));
  }

  static Rendered template(Path chart) {
    return template(chart, t -> t);
  }

  /** Every non-empty document of a multi-document YAML text, as typed objects where known. */
  static List<HasMetadata> parse(String yaml) {
    return parse(yaml, "(?m)^---\\s*$");
  }

  /**
   * Objects written one after the other without {@code ---} (as helm-java's {@code show crds} joins
   * the files of {@code crds/}): each starts at a top-level {@code apiVersion}.
   */
  static List<HasMetadata> parseConcatenated(String yaml) {
    return parse(yaml, "(?m)^---\\s*$|(?m)(?=^apiVersion:)");
  }

  private static List<HasMetadata> parse(String yaml, String separator) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split(separator)) {
      if (doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
        objects.add(Serialization.unmarshal(doc));
      }
    }
    return objects;
  }

  /** The chart's default values, as {@code helm show values} prints them. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> defaultValues(Path chart) {
    return Serialization.unmarshal(new Helm(chart).show().values().call(), Map.class);
  }

  /** Kubernetes-native blocks of values.yaml whose own fields need no comment of ours. */
  private static final Set<String> KUBERNETES_BLOCKS =
      Set.of("resources", "podSecurityContext", "securityContext");

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][\\w.-]*):(.*)$");

  /**
   * The keys of the chart's values.yaml, at the first two levels, that no comment line directly
   * precedes (the contents of Kubernetes-native blocks such as {@code resources} excepted, and
   * block scalars skipped).
   */
  static List<String> undocumentedValues(Path chart) throws IOException {
    List<String> undocumented = new ArrayList<>();
    String previous = "";
    String topLevel = "";
    int blockScalarIndent = -1;
    for (String line : Files.readAllLines(chart.resolve("values.yaml"))) {
      int indent = line.length() - line.stripLeading().length();
      if (blockScalarIndent >= 0 && (line.isBlank() || indent > blockScalarIndent)) {
        continue;
      }
      blockScalarIndent = -1;
      Matcher key = KEY.matcher(line);
      if (key.matches() && indent <= 2) {
        if (indent == 0) {
          topLevel = key.group(2);
        }
        boolean exempt = indent == 2 && KUBERNETES_BLOCKS.contains(topLevel);
        if (!exempt && !previous.stripLeading().startsWith("#")) {
          undocumented.add(indent == 0 ? key.group(2) : topLevel + "." + key.group(2));
        }
        if (key.group(3).strip().startsWith("|")) {
          blockScalarIndent = indent;
        }
      }
      if (!line.isBlank()) {
        previous = line;
      }
    }
    return undocumented;
  }

  /** A rendered chart: its text and its objects. */
  record Rendered(String yaml, List<HasMetadata> objects) {

    /**
     * The objects of that type; our custom resources, which the parser reads as generic ones, are
     * converted to their classes.
     */
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream()
          .map(
              o ->
                  o instanceof GenericKubernetesResource g
                          && type.getSimpleName().equals(g.getKind())
                      ? Serialization.unmarshal(Serialization.asYaml(g), type)
                      : o)
          .filter(type::isInstance)
          .map(type::cast)
          .toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
      List<T> found = all(type);
      if (found.size() != 1) {
        throw new AssertionError(
            "expected one " + type.getSimpleName() + ", found " + found.size() + " in\n" + yaml);
      }
      return found.get(0);
    }
  }
}
