package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.wire.WireJson;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites a JSON schema (OpenAI tool parameters, structured output) into the OpenAPI subset that
 * Gemini's {@code parameters} and {@code responseSchema} accept: local {@code $ref}s are inlined
 * from {@code $defs} / {@code definitions} (Gemini has no references), and keywords it refuses
 * ({@code $schema}, {@code $defs}, {@code definitions}, {@code additionalProperties}, {@code
 * strict}) are dropped. A recursive reference is cut (replaced by an untyped object) rather than
 * expanded forever. Stateless; the input is not modified.
 */
final class GeminiSchema {

  private static final Set<String> DROPPED =
      Set.of("$schema", "$defs", "definitions", "additionalProperties", "strict", "$id");
  private static final int MAX_DEPTH = 32;

  private GeminiSchema() {}

  static JsonNode clean(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return schema;
    }
    return clean(schema, definitions(schema), 0);
  }

  private static Map<String, JsonNode> definitions(JsonNode root) {
    java.util.HashMap<String, JsonNode> defs = new java.util.HashMap<>();
    for (String key : new String[] {"$defs", "definitions"}) {
      JsonNode d = root.get(key);
      if (d != null && d.isObject()) {
        for (Map.Entry<String, JsonNode> e : d.properties()) {
          defs.put("#/" + key + "/" + e.getKey(), e.getValue());
        }
      }
    }
    return defs;
  }

  private static JsonNode clean(JsonNode node, Map<String, JsonNode> defs, int depth) {
    if (node.isArray()) {
      ArrayNode out = WireJson.nodes().arrayNode();
      for (JsonNode item : node) {
        out.add(clean(item, defs, depth));
      }
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isString()) {
      JsonNode target = defs.get(ref.asString());
      if (target == null || depth >= MAX_DEPTH) {
        return WireJson.nodes().objectNode().put("type", "object");
      }
      return clean(target, defs, depth + 1);
    }
    ObjectNode out = WireJson.nodes().objectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (DROPPED.contains(e.getKey())) {
        continue;
      }
      if (e.getKey().equals("properties") && e.getValue().isObject()) {
        // Property names are not keywords: keep every one, clean each property's schema.
        ObjectNode props = out.putObject("properties");
        for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
          props.set(p.getKey(), clean(p.getValue(), defs, depth));
        }
        continue;
      }
      out.set(e.getKey(), clean(e.getValue(), defs, depth));
    }
    return out;
  }
}
