package io.agw.gateway.telemetry;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A minimal OTLP/gRPC receiver on loopback: serves {@code
 * opentelemetry.proto.collector.trace.v1.TraceService/Export} and {@code
 * opentelemetry.proto.collector.logs.v1.LogsService/Export} (service definitions built by hand from
 * the {@code opentelemetry-proto} messages, as no stub artifact is published), keeps every span,
 * every log record and the metadata of every call, answers an empty success. In plaintext, or over
 * TLS with the test CA's server certificate ({@link #tls()}).
 */
final class OtlpGrpcReceiver implements AutoCloseable {

  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName(
                  "opentelemetry.proto.collector.trace.v1.TraceService", "Export"))
          .setRequestMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  static final MethodDescriptor<ExportLogsServiceRequest, ExportLogsServiceResponse> EXPORT_LOGS =
      MethodDescriptor.<ExportLogsServiceRequest, ExportLogsServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName(
                  "opentelemetry.proto.collector.logs.v1.LogsService", "Export"))
          .setRequestMarshaller(
              ProtoUtils.marshaller(ExportLogsServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(
              ProtoUtils.marshaller(ExportLogsServiceResponse.getDefaultInstance()))
          .build();

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Metadata> calls = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Resource> resources = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<ResourceLogs> logs = new ConcurrentLinkedQueue<>();
  private final boolean tls;

  OtlpGrpcReceiver() throws IOException {
    this(false);
  }

  /** A receiver over TLS, with the test CA's certificate for localhost and 127.0.0.1. */
  static OtlpGrpcReceiver tls() throws IOException {
    return new OtlpGrpcReceiver(true);
  }

  private OtlpGrpcReceiver(boolean tls) throws IOException {
    this.tls = tls;
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
            .addMethod(
                EXPORT,
                ServerCalls.asyncUnaryCall(
                    (request, answer) -> {
                      request.getResourceSpansList().stream()
                          .forEach(r -> resources.add(r.getResource()));
                      request.getResourceSpansList().stream()
                          .flatMap(r -> r.getScopeSpansList().stream())
                          .flatMap(s -> s.getSpansList().stream())
                          .forEach(spans::add);
                      answer.onNext(ExportTraceServiceResponse.getDefaultInstance());
                      answer.onCompleted();
                    }))
            .build();
    ServerServiceDefinition logService =
        ServerServiceDefinition.builder("opentelemetry.proto.collector.logs.v1.LogsService")
            .addMethod(
                EXPORT_LOGS,
                ServerCalls.asyncUnaryCall(
                    (request, answer) -> {
                      logs.addAll(request.getResourceLogsList());
                      answer.onNext(ExportLogsServiceResponse.getDefaultInstance());
                      answer.onCompleted();
                    }))
            .build();
    ServerInterceptor metadata =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            calls.add(headers);
            return next.startCall(call, headers);
          }
        };
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(ServerInterceptors.intercept(service, metadata))
            .addService(ServerInterceptors.intercept(logService, metadata));
    if (tls) {
      try (InputStream cert = resource("tls/server.pem");
          InputStream key = resource("tls/server.key")) {
        builder.sslContext(GrpcSslContexts.forServer(cert, key).build());
      }
    }
    server = builder.build().start();
  }

  private static InputStream resource(String name) {
    return OtlpGrpcReceiver.class.getClassLoader().getResourceAsStream(name);
  }

  /** The endpoint to configure: {@code http://127.0.0.1:port} ({@code https://} over TLS). */
  String origin() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.getPort();
  }

  /** {@code 127.0.0.1:port}. */
  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Every log record received so far. */
  List<LogRecord> logRecords() {
    return logs.stream()
        .flatMap(r -> r.getScopeLogsList().stream())
        .flatMap(s -> s.getLogRecordsList().stream())
        .toList();
  }

  /** The instrumentation scope names of the log records received so far. */
  List<String> logScopes() {
    return logs.stream()
        .flatMap(r -> r.getScopeLogsList().stream())
        .map(s -> s.getScope().getName())
        .toList();
  }

  /** The first log record matching {@code which}, once it has arrived. */
  LogRecord awaitLog(Predicate<LogRecord> which) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> logRecords().stream().filter(which).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** A log record's attributes as Java values (strings, longs, doubles, booleans). */
  static Map<String, Object> attributes(LogRecord record) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (KeyValue kv : record.getAttributesList()) {
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

  /** The {@code authorization} metadata of every export call received so far. */
  List<String> authorizations() {
    return calls.stream().map(m -> m.get(AUTHORIZATION)).filter(a -> a != null).toList();
  }

  /** The value of metadata {@code name} on every export call received so far. */
  List<String> metadata(String name) {
    Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    return calls.stream().map(m -> m.get(key)).filter(v -> v != null).toList();
  }

  /** The string attributes of the resources of every export received so far. */
  Map<String, String> resourceAttributes() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    resources.forEach(
        r ->
            r.getAttributesList()
                .forEach(kv -> out.put(kv.getKey(), kv.getValue().getStringValue())));
    return out;
  }

  /** Every span received so far. */
  List<Span> spans() {
    return List.copyOf(spans);
  }

  /** The first span matching {@code which}, once it has arrived. */
  Span awaitSpan(Predicate<Span> which) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> spans().stream().filter(which).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** A span's attributes as Java values (see {@link OtlpReceiver#attributes}). */
  static Map<String, Object> attributes(Span span) {
    return OtlpReceiver.attributes(span);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
