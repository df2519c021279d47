package io.agw.model.config.read;

import io.agw.model.config.yaml.AgentgatewayDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The property names of agentgateway's configuration format, per schema definition, read once from
 * the bundled copy of its JSON schema. Used to tell a field agentgateway knows (but this gateway
 * does not support yet) from a misspelling. Immutable and thread-safe.
 */
final class AgentgatewayFields {

  private static final String SCHEMA = "/io/agw/model/config/agentgateway-config.schema.json";

  private static final Map<String, Set<String>> BY_DEFINITION = load();

  private AgentgatewayFields() {}

  /** Whether any of {@code type}'s schema definitions has a property named {@code name}. */
  static boolean isKnown(Class<?> type, String name) {
    AgentgatewayDefinition definition = type.getAnnotation(AgentgatewayDefinition.class);
    if (definition == null) {
      return false;
    }
    for (String defName : definition.value()) {
      if (BY_DEFINITION.getOrDefault(defName, Set.of()).contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the schema has a definition of that name; for tests of the annotations. */
  static boolean hasDefinition(String name) {
    return BY_DEFINITION.containsKey(name);
  }

  private static Map<String, Set<String>> load() {
    try (InputStream in = AgentgatewayFields.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA);
      }
      JsonNode schema = JsonMapper.shared().readTree(in);
      Map<String, Set<String>> byDefinition = new HashMap<>();
      byDefinition.put(AgentgatewayDefinition.ROOT, propertyNames(schema));
      for (Map.Entry<String, JsonNode> def : schema.path("$defs").properties()) {
        byDefinition.put(def.getKey(), propertyNames(def.getValue()));
      }
      return Map.copyOf(byDefinition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Properties of a definition, including those of inline alternatives (oneOf, anyOf, allOf). */
  private static Set<String> propertyNames(JsonNode definition) {
    Set<String> names = new HashSet<>();
    collect(definition, names);
    return Set.copyOf(names);
  }

  private static void collect(JsonNode node, Set<String> names) {
    names.addAll(node.path("properties").propertyNames());
    for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
      for (JsonNode alternative : node.path(combinator)) {
        collect(alternative, names);
      }
    }
  }
}
