package io.agw.gateway.telemetry;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A minimal OTLP/gRPC trace receiver on loopback: serves {@code
 * opentelemetry.proto.collector.trace.v1.TraceService/Export} (a service definition built by hand
 * from the {@code opentelemetry-proto} messages, as no stub artifact is published), keeps every
 * span and the metadata of every call, answers an empty success.
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

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Metadata> calls = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Resource> resources = new ConcurrentLinkedQueue<>();

  OtlpGrpcReceiver() throws IOException {
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
    ServerInterceptor metadata =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            calls.add(headers);
            return next.startCall(call, headers);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(ServerInterceptors.intercept(service, metadata))
            .build()
            .start();
  }

  /** The endpoint to configure: {@code http://127.0.0.1:port}. */
  String origin() {
    return "http://127.0.0.1:" + server.getPort();
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
