package io.agw.gateway.extproc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.BodyResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HeadersResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An Envoy ext_proc server on loopback, written with the generated stubs. It records every stream
 * (its initial metadata and messages) and acts by the request's {@code :path}:
 *
 * <ul>
 *   <li>{@code /deny...}: an immediate 403 with {@code x-processor: denied} and its own body;
 *   <li>{@code /fail...}: the stream fails (gRPC UNAVAILABLE) on the first message;
 *   <li>otherwise: request headers get {@code x-processed: yes}, lose {@code x-remove-me}, and the
 *       answer carries dynamic metadata {@code tier: gold}; response headers get {@code
 *       x-response-processed: yes}; streamed bodies come back upper-cased chunk by chunk (request)
 *       or as they were (response); a buffered request body becomes {@code replaced:<body>} and a
 *       buffered response body {@code {"rewritten":true}}.
 * </ul>
 */
final class TestExtProcServer implements AutoCloseable {

  static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);

  /** One ext_proc stream: the tenant header it was opened with and every message it carried. */
  record Stream(String tenant, List<ProcessingRequest> messages) {}

  final List<Stream> streams = new CopyOnWriteArrayList<>();
  private final Server server;

  TestExtProcServer() throws Exception {
    ServerInterceptor metadata =
        new ServerInterceptor() {
          @Override
          public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, A> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, A> next) {
            io.grpc.Context ctx =
                io.grpc.Context.current().withValue(TENANT_CONTEXT, headers.get(TENANT));
            return Contexts.interceptCall(ctx, call, headers, next);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Processor(), metadata))
            .build()
            .start();
  }

  private static final io.grpc.Context.Key<String> TENANT_CONTEXT = io.grpc.Context.key("tenant");

  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  Stream last() {
    return streams.get(streams.size() - 1);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Processor extends ExternalProcessorGrpc.ExternalProcessorImplBase {
    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> out) {
      Stream stream = new Stream(TENANT_CONTEXT.get(), new CopyOnWriteArrayList<>());
      streams.add(stream);
      return new StreamObserver<>() {
        String path = "";

        @Override
        public void onNext(ProcessingRequest message) {
          stream.messages().add(message);
          if (message.hasRequestHeaders()) {
            path =
                message.getRequestHeaders().getHeaders().getHeadersList().stream()
                    .filter(h -> h.getKey().equals(":path"))
                    .map(HeaderValue::getValue)
                    .findFirst()
                    .orElse("");
          }
          if (path.startsWith("/fail")) {
            out.onError(
                Status.UNAVAILABLE.withDescription("the processor is broken").asException());
            return;
          }
          ProcessingResponse answer = answer(message);
          if (answer != null) {
            out.onNext(answer);
          }
        }

        private ProcessingResponse answer(ProcessingRequest message) {
          switch (message.getRequestCase()) {
            case REQUEST_HEADERS -> {
              if (path.startsWith("/deny")) {
                return ProcessingResponse.newBuilder()
                    .setImmediateResponse(
                        ImmediateResponse.newBuilder()
                            .setStatus(HttpStatus.newBuilder().setCode(StatusCode.Forbidden))
                            .setHeaders(
                                HeaderMutation.newBuilder()
                                    .addSetHeaders(set("x-processor", "denied")))
                            .setBody(ByteString.copyFromUtf8("denied by the processor")))
                    .build();
              }
              return ProcessingResponse.newBuilder()
                  .setRequestHeaders(
                      HeadersResponse.newBuilder()
                          .setResponse(
                              CommonResponse.newBuilder()
                                  .setHeaderMutation(
                                      HeaderMutation.newBuilder()
                                          .addSetHeaders(set("x-processed", "yes"))
                                          .addRemoveHeaders("x-remove-me"))))
                  .setDynamicMetadata(
                      Struct.newBuilder()
                          .putFields("tier", Value.newBuilder().setStringValue("gold").build()))
                  .build();
            }
            case RESPONSE_HEADERS -> {
              return ProcessingResponse.newBuilder()
                  .setResponseHeaders(
                      HeadersResponse.newBuilder()
                          .setResponse(
                              CommonResponse.newBuilder()
                                  .setHeaderMutation(
                                      HeaderMutation.newBuilder()
                                          .addSetHeaders(set("x-response-processed", "yes")))))
                  .build();
            }
            case REQUEST_BODY -> {
              HttpBody body = message.getRequestBody();
              BodyMutation mutation =
                  isBuffered(stream, true)
                      ? replace("replaced:" + body.getBody().toStringUtf8())
                      : streamed(body.getBody().toStringUtf8().toUpperCase(Locale.ROOT), body);
              return ProcessingResponse.newBuilder()
                  .setRequestBody(
                      BodyResponse.newBuilder()
                          .setResponse(CommonResponse.newBuilder().setBodyMutation(mutation)))
                  .build();
            }
            case RESPONSE_BODY -> {
              HttpBody body = message.getResponseBody();
              BodyMutation mutation =
                  isBuffered(stream, false)
                      ? replace("{\"rewritten\":true}")
                      : streamed(body.getBody().toStringUtf8(), body);
              return ProcessingResponse.newBuilder()
                  .setResponseBody(
                      BodyResponse.newBuilder()
                          .setResponse(CommonResponse.newBuilder().setBodyMutation(mutation)))
                  .build();
            }
            default -> {
              return null;
            }
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }

  /** Whether the stream's protocol configuration says the body of that side is buffered. */
  private static boolean isBuffered(Stream stream, boolean request) {
    var config = stream.messages().get(0).getProtocolConfig();
    BodySendMode mode = request ? config.getRequestBodyMode() : config.getResponseBodyMode();
    return mode == BodySendMode.BUFFERED || mode == BodySendMode.BUFFERED_PARTIAL;
  }

  private static BodyMutation replace(String body) {
    return BodyMutation.newBuilder().setBody(ByteString.copyFromUtf8(body)).build();
  }

  private static BodyMutation streamed(String chunk, HttpBody body) {
    return BodyMutation.newBuilder()
        .setStreamedResponse(
            StreamedBodyResponse.newBuilder()
                .setBody(ByteString.copyFrom(chunk, StandardCharsets.UTF_8))
                .setEndOfStream(body.getEndOfStream()))
        .build();
  }

  private static HeaderValueOption set(String name, String value) {
    return HeaderValueOption.newBuilder()
        .setHeader(
            HeaderValue.newBuilder().setKey(name).setRawValue(ByteString.copyFromUtf8(value)))
        .build();
  }
}
