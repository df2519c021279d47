package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP receiver on loopback: accepts {@code POST /v1/traces} with a protobuf {@code
 * ExportTraceServiceRequest} and {@code POST /v1/logs} with an {@code ExportLogsServiceRequest}
 * (gzip or not), keeps every span and log record, answers an empty success.
 */
final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<LogRecord> logs = new ConcurrentLinkedQueue<>();
  private final String path;

  OtlpReceiver() throws IOException {
    this("/v1/traces");
  }

  /** A receiver accepting exports on {@code path} only. */
  OtlpReceiver(String path) throws IOException {
    this.path = path;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
              authorizations.add(authorization);
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(body);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            request.getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .forEach(spans::add);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
              }
            }
          }
        });
    server.createContext(
        "/v1/logs",
        exchange -> {
          try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
              authorizations.add(authorization);
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(body);
            }
            ExportLogsServiceRequest.parseFrom(body).getResourceLogsList().stream()
                .flatMap(r -> r.getScopeLogsList().stream())
                .flatMap(s -> s.getLogRecordsList().stream())
                .forEach(logs::add);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  /** Every log record received so far on {@code /v1/logs}. */
  List<LogRecord> logRecords() {
    return List.copyOf(logs);
  }

  /** The endpoint to configure: {@code http://127.0.0.1:port/v1/traces}. */
  String endpoint() {
    return origin() + path;
  }

  /** {@code http://127.0.0.1:port}, without a path. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The {@code Authorization} header of every export received so far. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Every span received so far. */
  List<Span> spans() {
    return List.copyOf(spans);
  }

  /** The spans of trace {@code traceId}, once at least {@code atLeast} have arrived. */
  List<Span> awaitTrace(String traceId, int atLeast) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> spans().stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList(),
            spans -> spans.size() >= atLeast);
  }

  /** The one span of {@code kind} among {@code spans}. */
  static Span only(List<Span> spans, SpanKind kind) {
    List<Span> matching = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(matching).as("%s spans in %s", kind, names(spans)).hasSize(1);
    return matching.get(0);
  }

  static List<String> names(List<Span> spans) {
    return spans.stream().map(s -> s.getKind() + " " + s.getName()).toList();
  }

  /** A span's attributes as Java values (strings, longs, booleans, doubles). */
  static Map<String, Object> attributes(Span span) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      var v = kv.getValue();
      out.put(
          kv.getKey(),
          switch (v.getValueCase()) {
            case INT_VALUE -> v.getIntValue();
            case BOOL_VALUE -> v.getBoolValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            default -> v.getStringValue();
          });
    }
    return out;
  }

  static String hex(com.google.protobuf.ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
