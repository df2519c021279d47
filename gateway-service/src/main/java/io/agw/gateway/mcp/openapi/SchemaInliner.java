package io.agw.gateway.mcp.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the schemas of one OpenAPI document into self-contained JSON Schema objects: every local
 * {@code #/components/schemas/...} reference is replaced by a copy of its target, so a tool's input
 * schema needs nothing outside itself. A reference met again inside its own expansion (a recursive
 * type) becomes the empty schema (any value), which keeps schemas finite.
 *
 * <p>OpenAPI 3.0 dialect is rewritten to JSON Schema: {@code nullable: true} adds {@code "null"} to
 * the type, {@code example} becomes {@code examples}. Pure; one instance per document, not
 * thread-safe (it caches the serialised components).
 */
final class SchemaInliner {

  private static final String COMPONENT_PREFIX = "#/components/schemas/";

  private final ObjectMapper mapper;

  @SuppressWarnings("rawtypes")
  private final Map<String, Schema> components;

  private final Map<String, Map<String, Object>> serialized = new HashMap<>();

  SchemaInliner(OpenAPI document) {
    this.mapper = document.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
    this.components =
        document.getComponents() == null || document.getComponents().getSchemas() == null
            ? Map.of()
            : document.getComponents().getSchemas();
  }

  /** The JSON Schema of {@code schema}, references inlined; an absent schema is any value. */
  Map<String, Object> inline(Schema<?> schema) {
    if (schema == null) {
      return new LinkedHashMap<>();
    }
    return expand(toMap(schema), new ArrayDeque<>());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> toMap(Schema<?> schema) {
    return mapper.convertValue(schema, LinkedHashMap.class);
  }

  private Map<String, Object> component(String ref) {
    if (!ref.startsWith(COMPONENT_PREFIX)) {
      throw new OpenApiException("the reference " + ref + " is not a local component schema");
    }
    String name = ref.substring(COMPONENT_PREFIX.length());
    Schema<?> target = components.get(name);
    if (target == null) {
      throw new OpenApiException("the reference " + ref + " names no schema");
    }
    return serialized.computeIfAbsent(name, n -> toMap(target));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> expand(Map<String, Object> schema, Deque<String> trail) {
    Object ref = schema.get("$ref");
    if (ref instanceof String name) {
      if (trail.contains(name)) {
        return new LinkedHashMap<>();
      }
      trail.push(name);
      Map<String, Object> target = expand(component(name), trail);
      trail.pop();
      // Siblings of $ref (3.1 allows a description next to it) refine the target.
      schema.forEach(
          (k, v) -> {
            if (!k.equals("$ref")) {
              target.put(k, expandValue(v, trail));
            }
          });
      return target;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    schema.forEach((k, v) -> out.put(k, expandValue(v, trail)));
    dialect(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object expandValue(Object value, Deque<String> trail) {
    if (value instanceof Map<?, ?> map) {
      return expand((Map<String, Object>) map, trail);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(expandValue(v, trail)));
      return out;
    }
    return value;
  }

  /** OpenAPI 3.0 keywords that JSON Schema spells differently. */
  private static void dialect(Map<String, Object> schema) {
    if (Boolean.TRUE.equals(schema.remove("nullable"))) {
      Object type = schema.get("type");
      if (type instanceof String t) {
        schema.put("type", List.of(t, "null"));
      }
    }
    // 3.0 flags the bound as exclusive; JSON Schema gives the exclusive bound itself.
    exclusive(schema, "minimum", "exclusiveMinimum");
    exclusive(schema, "maximum", "exclusiveMaximum");
    if (schema.containsKey("example") && !schema.containsKey("examples")) {
      schema.put("examples", List.of(schema.remove("example")));
    }
  }

  private static void exclusive(Map<String, Object> schema, String bound, String flag) {
    Object exclusive = schema.get(flag);
    if (exclusive instanceof Boolean b) {
      schema.remove(flag);
      if (b && schema.containsKey(bound)) {
        schema.put(flag, schema.remove(bound));
      }
    }
  }
}
