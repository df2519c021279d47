package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * agentgateway's {@code config.metrics.fields.add}: labels of the request metric ({@code
 * agw.requests}) whose values CEL computes when the request ends. A value that is not a string (or
 * null, or failing) is {@value #UNKNOWN}, as agentgateway writes it. The set of labels is fixed at
 * startup, so every {@code agw.requests} meter carries the same label names (Prometheus and
 * Micrometer require one label set per metric name). Immutable and thread-safe.
 *
 * @param fields the labels in the order of the file
 */
public record MetricFields(List<AccessLogRules.Field> fields) {

  /** The value of a label whose expression gives no string. */
  public static final String UNKNOWN = "unknown";

  /** No custom labels. */
  public static final MetricFields NONE = new MetricFields(List.of());

  public MetricFields {
    fields = List.copyOf(fields);
  }

  /**
   * The labels of {@code add} (label name to CEL), compiled.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public static MetricFields of(Map<String, String> add, CelEnvironment cel) {
    List<AccessLogRules.Field> fields = new ArrayList<>();
    add.forEach((name, source) -> fields.add(new AccessLogRules.Field(name, cel.compile(source))));
    return new MetricFields(fields);
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The label names, in order. */
  List<String> names() {
    return fields.stream().map(AccessLogRules.Field::name).toList();
  }

  /** The label values for one request, in the order of {@link #names()}. */
  List<String> values(CelContext context) {
    List<String> values = new ArrayList<>(fields.size());
    for (AccessLogRules.Field field : fields) {
      Object value = field.value().plain(context).orElse(null);
      values.add(value instanceof String s ? s : UNKNOWN);
    }
    return values;
  }
}
