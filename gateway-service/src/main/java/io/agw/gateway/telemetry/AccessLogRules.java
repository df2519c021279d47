package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.cel.CelFlatten;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.LoggingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the access log writes under agentgateway's {@code config.logging} and {@code
 * frontendPolicies.accessLog}: which requests ({@code filter}: only those for which it is true; an
 * expression that fails drops the line), which fields ({@code remove} takes standard fields off,
 * {@code add} puts CEL-computed ones on, replacing a field of the same name; a null or failing
 * value leaves the field out) and in which format (one JSON object, or {@code key=value} text).
 * Immutable and thread-safe; one per configuration state.
 *
 * @param filter which requests are logged, or null for all
 * @param add fields computed by CEL, in order
 * @param remove names of fields left off
 * @param text whether lines are {@code key=value} text rather than JSON
 */
public record AccessLogRules(
    CelExpression filter, List<Field> add, Set<String> remove, boolean text) {

  /** The defaults: every request, the standard fields, JSON. */
  public static final AccessLogRules DEFAULT = new AccessLogRules(null, List.of(), Set.of(), false);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A field computed by CEL. */
  public record Field(String name, CelExpression value) {}

  /**
   * The rules of a resource, compiled.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static AccessLogRules of(LoggingSettings settings, CelEnvironment cel) {
    List<Field> add = new ArrayList<>();
    for (HeaderExpression field : settings.getAddList()) {
      add.add(new Field(field.getName(), cel.compile(field.getExpression())));
    }
    return new AccessLogRules(
        settings.getFilter().isEmpty() ? null : cel.compile(settings.getFilter()),
        List.copyOf(add),
        Set.copyOf(settings.getRemoveList()),
        settings.getFormat() == LoggingSettings.Format.TEXT);
  }

  /** Whether the rules need the request's CEL variables at all. */
  boolean usesCel() {
    return filter != null || !add.isEmpty();
  }

  /**
   * The line to write for a request, or null when {@code filter} drops it.
   *
   * @param line the standard fields, in order
   * @param context the request's CEL variables (null when {@link #usesCel()} is false)
   */
  String line(Map<String, Object> line, CelContext context) {
    if (filter != null && !filter.test(context)) {
      return null;
    }
    Map<String, Object> out = shape(line, add, remove, context);
    return text ? text(out) : JSON.writeValueAsString(out);
  }

  /**
   * The fields of a record: the standard ones less {@code remove}, then {@code add}'s (each
   * replacing a field of the same name; a null or failing value leaves it out).
   */
  static Map<String, Object> shape(
      Map<String, Object> line, List<Field> add, Set<String> remove, CelContext context) {
    if (remove.isEmpty() && add.isEmpty()) {
      return line;
    }
    Map<String, Object> out = new LinkedHashMap<>(line);
    out.keySet().removeAll(remove);
    for (Field field : add) {
      out.remove(field.name());
      CelFlatten.spread(field.name(), field.value().plain(context).orElse(null), out::put);
    }
    return out;
  }

  /** agentgateway's text format: {@code key=value} pairs; values with spaces or quotes as JSON. */
  private static String text(Map<String, Object> line) {
    return line.entrySet().stream()
        .map(e -> e.getKey() + "=" + textValue(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  private static String textValue(Object value) {
    if (value instanceof String s && !s.isEmpty() && s.chars().noneMatch(AccessLogRules::quoted)) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return JSON.writeValueAsString(value);
  }

  private static boolean quoted(int c) {
    return c == ' ' || c == '"' || c == '=' || c < 0x20;
  }
}
