package io.agw.gateway.llm.backend;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.cel.CelValues;
import io.agw.gateway.llm.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code llm} shorthand's per-model {@code transformation}: body fields computed by CEL from
 * the request ({@code llmRequest} is the LLM body, {@code request} the HTTP request). As in
 * agentgateway, every expression reads the body as it was before any of them ran, and an expression
 * that fails or yields null removes its field. Immutable and thread-safe.
 */
public record BodyTransformation(Map<String, CelExpression> fields) {

  /** No transformation. */
  public static final BodyTransformation NONE = new BodyTransformation(Map.of());

  /**
   * Compiles the field expressions.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static BodyTransformation of(Map<String, String> source, CelEnvironment cel) {
    if (source.isEmpty()) {
      return NONE;
    }
    Map<String, CelExpression> compiled = new LinkedHashMap<>();
    new java.util.TreeMap<>(source)
        .forEach((field, text) -> compiled.put(field, cel.compile(text)));
    return new BodyTransformation(Map.copyOf(compiled));
  }

  /** The value of each field for {@code body}; empty for a field to remove. */
  public Map<String, Optional<JsonNode>> evaluate(ObjectNode body, ServerWebExchange exchange) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    CelContext context = CelContext.request(exchange, null).llmRequest(CelValues.fromJson(body));
    Map<String, Optional<JsonNode>> out = new LinkedHashMap<>();
    fields.forEach(
        (field, expression) -> out.put(field, expression.plain(context).map(WireJson::toTree)));
    return out;
  }

  /** Writes what {@link #evaluate} computed into {@code body}. */
  public static void write(ObjectNode body, Map<String, Optional<JsonNode>> values) {
    values.forEach(
        (field, value) -> {
          if (value.isPresent()) {
            body.set(field, value.get());
          } else {
            body.remove(field);
          }
        });
  }
}
