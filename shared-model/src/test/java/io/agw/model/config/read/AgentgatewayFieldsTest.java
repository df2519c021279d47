package io.agw.model.config.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.yaml.AgentgatewayDefinition;
import io.agw.model.config.yaml.BackendPoliciesYaml;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.RouteBackendYaml;
import io.agw.model.config.yaml.RoutePoliciesYaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AgentgatewayFieldsTest {

  @Test
  void everyDefinitionNamedByARecordExistsInTheSchema() throws Exception {
    for (Class<?> type : yamlRecords()) {
      AgentgatewayDefinition definition = type.getAnnotation(AgentgatewayDefinition.class);
      if (definition != null) {
        for (String name : definition.value()) {
          assertThat(AgentgatewayFields.hasDefinition(name)).as("%s: %s", type, name).isTrue();
        }
      }
    }
  }

  @Test
  void knowsFieldsPerDefinition() {
    assertThat(AgentgatewayFields.isKnown(RoutePoliciesYaml.class, "jwtAuth")).isTrue();
    assertThat(AgentgatewayFields.isKnown(BackendPoliciesYaml.class, "jwtAuth")).isFalse();
    assertThat(AgentgatewayFields.isKnown(LocalConfigYaml.class, "llm")).isTrue();
    assertThat(AgentgatewayFields.isKnown(RouteBackendYaml.class, "mcp")).as("from oneOf").isTrue();
    assertThat(AgentgatewayFields.isKnown(RoutePoliciesYaml.class, "requestHeaderModifer"))
        .isFalse();
  }

  @Test
  void suggestsCloseNamesOnly() {
    List<String> names = List.of("requestHeaderModifier", "responseHeaderModifier", "cors");
    assertThat(FieldSuggestions.closest("requestHeaderModifer", names))
        .contains("requestHeaderModifier");
    assertThat(FieldSuggestions.closest("CORS", names)).contains("cors");
    assertThat(FieldSuggestions.closest("color", names)).isEmpty();
  }

  private static List<Class<?>> yamlRecords() throws IOException, URISyntaxException {
    Path dir = Path.of(LocalConfigYaml.class.getResource(".").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
          .<Class<?>>map(n -> load("io.agw.model.config.yaml." + n.substring(0, n.length() - 6)))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
