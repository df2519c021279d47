package io.agw.model.config.mapping;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@code config.metrics.fields.add}: each key becomes a Prometheus label of the request
 * metrics, so it must be a label name and must not be one of the labels those metrics already
 * carry; each value must be a CEL expression that compiles. Stateless.
 */
final class MetricFieldsCheck {

  /** The labels of {@code agw.requests} that a custom field may not replace. */
  static final Set<String> RESERVED = Set.of("listener", "route", "backend", "method", "status");

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private MetricFieldsCheck() {}

  static void check(MappingContext ctx, Map<String, String> add) {
    if (add == null) {
      return;
    }
    add.forEach(
        (name, expression) -> {
          String path = "config.metrics.fields.add." + name;
          if (!LABEL.matcher(name).matches() || name.startsWith("__")) {
            ctx.error(
                path,
                "'"
                    + name
                    + "' is not a metric label name (letters, digits and '_', not starting with a"
                    + " digit or '__')");
          } else if (RESERVED.contains(name)) {
            ctx.error(path, "'" + name + "' is already a label of the request metrics");
          }
          if (expression == null) {
            ctx.error(path, "must be a CEL expression");
          } else {
            ctx.checkCel(path, expression);
          }
        });
  }
}
