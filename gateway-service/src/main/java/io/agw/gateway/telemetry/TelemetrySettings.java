package io.agw.gateway.telemetry;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.StateListener;
import io.agw.model.config.mapping.TelemetryMapper;
import io.agw.model.resource.v1.LoggingSettings;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.TracingSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observability settings of the configuration in force, compiled with every state: the access
 * log's rules ({@link AccessLogRules}), the server span's fields ({@link SpanFields}), the sampling
 * expressions ({@link TraceSampling}) and the process's log levels, applied when a state is
 * committed. A state whose expressions do not compile is refused. A state naming another OTLP
 * endpoint than the one the gateway started with logs a warning: the exporter is built at startup.
 * Reads are lock-free; states are applied one at a time by the store.
 */
public final class TelemetrySettings implements StateListener {

  private static final Logger log = LoggerFactory.getLogger(TelemetrySettings.class);

  private record Compiled(
      AccessLogRules accessLog,
      SpanFields spans,
      TraceSampling sampling,
      String level,
      String otlp,
      AccessLogOtlp otlpLog,
      CelExpression traceFilter) {}

  private static final Compiled NONE =
      new Compiled(
          AccessLogRules.DEFAULT, SpanFields.NONE, TraceSampling.CONSTANT, "", "", null, null);

  private final CelEnvironment cel;
  private final LogLevels levels;
  private final String startupEndpoint;
  private final MetricFields metricFields;
  private final Supplier<io.opentelemetry.sdk.resources.Resource> resource;
  private final Duration otlpDelay;
  private final SecretResolver secrets = new SecretResolver();
  private volatile Compiled current = NONE;
  private volatile Compiled prepared;
  // The OTLP access-log export in force, connected; replaced only when its collector changes.
  private volatile AccessLogOtlp otlpLog;

  /**
   * @param startupEndpoint the OTLP endpoint the exporter was built with from the file ({@link
   *     TelemetryFileProperties}), empty when none
   */
  TelemetrySettings(CelEnvironment cel, LogLevels levels, String startupEndpoint) {
    this(cel, levels, startupEndpoint, MetricFields.NONE);
  }

  /**
   * @param metricFields the labels of {@code config.metrics.fields}, read at startup
   */
  TelemetrySettings(
      CelEnvironment cel, LogLevels levels, String startupEndpoint, MetricFields metricFields) {
    this(
        cel,
        levels,
        startupEndpoint,
        metricFields,
        io.opentelemetry.sdk.resources.Resource::getDefault,
        Duration.ofSeconds(1));
  }

  /**
   * @param resource the OpenTelemetry resource of exported access-log records
   * @param otlpDelay how long access-log records wait to be exported in a batch
   */
  TelemetrySettings(
      CelEnvironment cel,
      LogLevels levels,
      String startupEndpoint,
      MetricFields metricFields,
      Supplier<io.opentelemetry.sdk.resources.Resource> resource,
      Duration otlpDelay) {
    this.cel = cel;
    this.levels = levels;
    this.startupEndpoint = startupEndpoint;
    this.metricFields = metricFields;
    this.resource = resource;
    this.otlpDelay = otlpDelay;
  }

  /** The labels {@code config.metrics.fields} adds to the request metric (startup-only). */
  public MetricFields metricFields() {
    return metricFields;
  }

  /** The access log's rules in force. */
  public AccessLogRules accessLog() {
    return current.accessLog();
  }

  /** The server span's fields in force. */
  public SpanFields spans() {
    return current.spans();
  }

  /** The sampling expressions in force. */
  public TraceSampling sampling() {
    return current.sampling();
  }

  /** The OTLP export of access-log records in force, or null when there is none. */
  public AccessLogOtlp otlpAccessLog() {
    return otlpLog;
  }

  /** {@code frontendPolicies.tracing.filter} in force, or null when every sampled span is kept. */
  public CelExpression traceFilter() {
    return current.traceFilter();
  }

  /** Flushes and stops the OTLP access-log export. */
  public void close() {
    AccessLogOtlp last = otlpLog;
    otlpLog = null;
    if (last != null && last.export() != null) {
      last.export().close();
    }
  }

  @Override
  public void prepare(GatewayState current, GatewayState next) {
    prepared = compile(next);
  }

  @Override
  public void rollback(GatewayState current, GatewayState next) {
    prepared = null;
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    Compiled compiled = prepared != null ? prepared : compile(next);
    prepared = null;
    use(compiled);
  }

  /** Applies a state that was current before these settings listened to the store. */
  void apply(GatewayState state) {
    if (state != null) {
      use(compile(state));
    }
  }

  private void use(Compiled compiled) {
    Compiled before = current;
    current = compiled;
    levels.apply(compiled.level());
    connect(compiled.otlpLog());
    if (!compiled.otlp().equals(before.otlp()) && !compiled.otlp().equals(startupEndpoint)) {
      log.warn(
          "config.tracing names the OTLP endpoint {} but the exporter was built at startup for {};"
              + " restart the gateway to export there",
          compiled.otlp().isEmpty() ? "(none)" : compiled.otlp(),
          startupEndpoint.isEmpty() ? "(none: tracing off)" : startupEndpoint);
    }
  }

  /**
   * Keeps the export when the collector is the same (records queued are not lost on a reload), else
   * starts one for the new collector and flushes the old one in the background.
   */
  private void connect(AccessLogOtlp next) {
    AccessLogOtlp before = otlpLog;
    AccessLogExport old = before == null ? null : before.export();
    if (next == null) {
      otlpLog = null;
      closeLater(old);
      return;
    }
    if (old != null && old.target().equals(next.spec().getTarget())) {
      otlpLog = next.connected(old);
      return;
    }
    try {
      otlpLog =
          next.connected(
              AccessLogExport.start(next.spec().getTarget(), resource.get(), secrets, otlpDelay));
    } catch (RuntimeException e) {
      // Checked when the state was compiled; a file removed since is the only way here.
      log.error("frontendPolicies.accessLog.otlp: cannot export: {}", e.getMessage());
      otlpLog = null;
    }
    closeLater(old);
  }

  private static void closeLater(AccessLogExport export) {
    if (export != null) {
      CompletableFuture.runAsync(export::close);
    }
  }

  private Compiled compile(GatewayState state) {
    Resource logging = state.resources().get(TelemetryMapper.LOGGING_KEY);
    Resource tracing = state.resources().get(TelemetryMapper.TRACING_KEY);
    LoggingSettings l =
        logging != null && logging.hasLoggingSettings()
            ? logging.getLoggingSettings()
            : LoggingSettings.getDefaultInstance();
    TracingSettings t =
        tracing != null && tracing.hasTracingSettings()
            ? tracing.getTracingSettings()
            : TracingSettings.getDefaultInstance();
    try {
      AccessLogOtlp otlp = null;
      if (l.hasOtlp() && l.getOtlp().hasTarget()) {
        // A certificate or a secret that cannot be read refuses the state, not the export.
        OtlpConnections.check(l.getOtlp().getTarget(), secrets);
        otlp = AccessLogOtlp.of(l.getOtlp(), cel);
      }
      return new Compiled(
          AccessLogRules.of(l, cel),
          SpanFields.of(t, cel),
          TraceSampling.of(t, cel),
          l.getLevel(),
          t.getEndpoint(),
          otlp,
          t.getFilter().isEmpty() ? null : cel.compile(t.getFilter()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("logging and tracing: " + e.getMessage(), e);
    }
  }
}
