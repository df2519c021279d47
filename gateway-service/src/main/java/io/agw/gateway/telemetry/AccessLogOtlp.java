package io.agw.gateway.telemetry;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.OtlpAccessLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code frontendPolicies.accessLog.otlp} exports: the requests its {@code filter} keeps
 * (agentgateway's rule: the otlp block's own filter, else the access log's; an expression that
 * fails drops the record), with its {@code fields} (else the access log's), through {@link
 * AccessLogExport}. Independent of the stdout access log's filter and of its logger's level.
 * Immutable and thread-safe; one per configuration state.
 *
 * @param export where records go (null until {@link TelemetrySettings} connects it)
 */
public record AccessLogOtlp(
    OtlpAccessLog spec,
    CelExpression filter,
    List<AccessLogRules.Field> add,
    Set<String> remove,
    AccessLogExport export) {

  /**
   * Compiles the expressions of {@code spec} (not connected yet).
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  static AccessLogOtlp of(OtlpAccessLog spec, CelEnvironment cel) {
    List<AccessLogRules.Field> add = new ArrayList<>();
    for (HeaderExpression field : spec.getAddList()) {
      add.add(new AccessLogRules.Field(field.getName(), cel.compile(field.getExpression())));
    }
    return new AccessLogOtlp(
        spec,
        spec.getFilter().isEmpty() ? null : cel.compile(spec.getFilter()),
        List.copyOf(add),
        Set.copyOf(spec.getRemoveList()),
        null);
  }

  /** The same rules exporting through {@code export}. */
  AccessLogOtlp connected(AccessLogExport export) {
    return new AccessLogOtlp(spec, filter, add, remove, export);
  }

  /** Whether the rules need the request's CEL variables. */
  boolean usesCel() {
    return filter != null || !add.isEmpty();
  }

  /**
   * Queues the record of a request unless {@code filter} drops it.
   *
   * @param line the standard fields, in order
   * @param context the request's CEL variables (null when {@link #usesCel()} is false)
   * @param trace the request's trace, or null
   */
  void export(Map<String, Object> line, CelContext context, RequestTrace trace) {
    if (export == null || filter != null && !filter.test(context)) {
      return;
    }
    export.emit(AccessLogRules.shape(line, add, remove, context), trace);
  }
}
