package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelFlatten;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.TracingSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * agentgateway's {@code config.tracing.fields} on the server span of each request: {@code remove}
 * keeps standard attributes off the span, {@code add} sets attributes computed by CEL when the
 * request ends (strings, numbers and booleans as they are, lists and maps as JSON text; a null or
 * failing value sets nothing). Immutable and thread-safe; one per configuration state.
 *
 * @param add attributes computed by CEL, in order
 * @param remove attribute names left off
 */
public record SpanFields(List<AccessLogRules.Field> add, Set<String> remove) {

  /** No changes. */
  public static final SpanFields NONE = new SpanFields(List.of(), Set.of());

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The fields of a resource, compiled.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static SpanFields of(TracingSettings settings, CelEnvironment cel) {
    List<AccessLogRules.Field> add = new ArrayList<>();
    for (HeaderExpression field : settings.getAddList()) {
      add.add(new AccessLogRules.Field(field.getName(), cel.compile(field.getExpression())));
    }
    return new SpanFields(List.copyOf(add), Set.copyOf(settings.getRemoveList()));
  }

  <T> void set(SpanBuilder builder, AttributeKey<T> key, T value) {
    if (!remove.contains(key.getKey())) {
      builder.setAttribute(key, value);
    }
  }

  <T> void set(Span span, AttributeKey<T> key, T value) {
    if (!remove.contains(key.getKey())) {
      span.setAttribute(key, value);
    }
  }

  /** Sets the CEL-computed attributes on a recording span as the request ends. */
  void addTo(Span span, java.util.function.Supplier<CelContext> context) {
    if (add.isEmpty()) {
      return;
    }
    CelContext variables = context.get();
    for (AccessLogRules.Field field : add) {
      CelFlatten.spread(
          field.name(), field.value().plain(variables).orElse(null), (n, v) -> set(span, n, v));
    }
  }

  private static void set(Span span, String name, Object value) {
    if (value instanceof String s) {
      span.setAttribute(name, s);
    } else if (value instanceof Boolean b) {
      span.setAttribute(name, b);
    } else if (value instanceof Long || value instanceof Integer) {
      span.setAttribute(name, ((Number) value).longValue());
    } else if (value instanceof Number n) {
      span.setAttribute(name, n.doubleValue());
    } else if (value != null) {
      span.setAttribute(name, JSON.writeValueAsString(value));
    }
  }
}
