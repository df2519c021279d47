package io.agw.gateway.telemetry;

import io.agw.gateway.backend.SecretResolver;
import io.agw.model.resource.v1.OtlpTarget;
import io.grpc.ManagedChannel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OTLP export of access-log records ({@code frontendPolicies.accessLog.otlp}) to one collector:
 * the OpenTelemetry SDK's log exporter (gRPC or HTTP) behind a batch processor whose queue is
 * bounded, so a request only ever enqueues its record: when the collector is slow or down, records
 * beyond the queue are dropped and the request is never held up. Each record is one request: the
 * access log's fields as attributes, severity {@code INFO}, and the request's trace and span ids
 * when it is traced. Thread-safe; {@link #close} flushes what is queued and releases the channel.
 */
final class AccessLogExport implements AutoCloseable {

  /** The instrumentation scope of the records (agentgateway's). */
  static final String SCOPE = "agentgateway.access";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OtlpTarget target;
  private final SdkLoggerProvider provider;
  private final Logger logger;
  private final ManagedChannel channel;

  private AccessLogExport(
      OtlpTarget target, SdkLoggerProvider provider, Logger logger, ManagedChannel channel) {
    this.target = target;
    this.provider = provider;
    this.logger = logger;
    this.channel = channel;
  }

  /**
   * Starts exporting to {@code target}.
   *
   * @param resource the OpenTelemetry resource of the records (the tracer's, so that logs and spans
   *     name the same service)
   * @param scheduleDelay how long records wait to be sent in a batch
   * @throws IllegalArgumentException when a certificate or a secret of the target cannot be read
   */
  static AccessLogExport start(
      OtlpTarget target, Resource resource, SecretResolver secrets, Duration scheduleDelay) {
    Map<String, String> headers = OtlpConnections.headers(target, secrets);
    ManagedChannel channel = null;
    LogRecordExporter exporter;
    if (target.getGrpc()) {
      channel = OtlpConnections.channel(target);
      OtlpGrpcLogRecordExporterBuilder b =
          OtlpGrpcLogRecordExporter.builder().setEndpoint(target.getEndpoint());
      setChannel(b, channel);
      headers.forEach(b::addHeader);
      exporter = b.build();
    } else {
      OtlpHttpLogRecordExporterBuilder b =
          OtlpHttpLogRecordExporter.builder().setEndpoint(target.getEndpoint());
      headers.forEach(b::addHeader);
      OtlpConnections.httpTls(target, b::setTrustedCertificates, b::setClientTls);
      exporter = b.build();
    }
    SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(resource)
            .addLogRecordProcessor(
                BatchLogRecordProcessor.builder(exporter)
                    .setScheduleDelay(scheduleDelay)
                    .setMaxQueueSize(4096)
                    .build())
            .build();
    return new AccessLogExport(target, provider, provider.get(SCOPE), channel);
  }

  // The channel is the gateway's own so that backendTLS applies (the exporter's fallback channel
  // knows only plaintext or the JDK's default trust); setChannel is deprecated for that reason
  // upstream but remains the only way to hand one in.
  @SuppressWarnings("deprecation")
  private static void setChannel(OtlpGrpcLogRecordExporterBuilder b, ManagedChannel channel) {
    b.setChannel(channel);
  }

  /** The collector this exports to. */
  OtlpTarget target() {
    return target;
  }

  /**
   * Queues one request's record.
   *
   * @param fields the record's fields after {@code filter}, {@code add} and {@code remove}
   * @param trace the request's trace, or null when it is not traced
   */
  void emit(Map<String, Object> fields, RequestTrace trace) {
    var record =
        logger
            .logRecordBuilder()
            .setTimestamp(Instant.now())
            .setSeverity(Severity.INFO)
            .setSeverityText("INFO")
            .setAllAttributes(attributes(fields));
    if (trace != null) {
      record.setContext(Context.root().with(Span.wrap(trace.server().getSpanContext())));
    }
    record.emit();
  }

  /** Strings, integers, decimals and booleans keep their type; lists and maps become JSON. */
  static Attributes attributes(Map<String, Object> fields) {
    AttributesBuilder out = Attributes.builder();
    fields.forEach((name, value) -> put(out, name, value));
    return out.build();
  }

  private static void put(AttributesBuilder out, String name, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      out.put(AttributeKey.stringKey(name), s);
    } else if (value instanceof Boolean b) {
      out.put(AttributeKey.booleanKey(name), b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      out.put(AttributeKey.longKey(name), ((Number) value).longValue());
    } else if (value instanceof Number n) {
      out.put(AttributeKey.doubleKey(name), n.doubleValue());
    } else {
      out.put(AttributeKey.stringKey(name), JSON.writeValueAsString(value));
    }
  }

  /** Sends what is queued (waiting at most a few seconds) and closes the connection. */
  @Override
  public void close() {
    provider.shutdown().join(5, TimeUnit.SECONDS);
    if (channel != null) {
      channel.shutdownNow();
    }
  }
}
