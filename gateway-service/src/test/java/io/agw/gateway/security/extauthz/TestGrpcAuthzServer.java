package io.agw.gateway.security.extauthz;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An Envoy ext_authz gRPC server on loopback, written with the generated stubs. It records every
 * check and decides by the client's {@code x-decision} header: {@code allow} (adds {@code
 * x-authz-user: alice} upstream, removes {@code x-secret}, adds {@code x-authz-checked} to the
 * client's response, dynamic metadata {@code user: alice, tier: gold}); {@code deny} (401 with a
 * {@code www-authenticate} header and a body of its own); anything else refused without a response.
 */
final class TestGrpcAuthzServer implements AutoCloseable {

  final List<CheckRequest> received = new CopyOnWriteArrayList<>();
  private final Server server;

  TestGrpcAuthzServer() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new AuthorizationGrpc.AuthorizationImplBase() {
                  @Override
                  public void check(CheckRequest request, StreamObserver<CheckResponse> out) {
                    received.add(request);
                    out.onNext(answer(request));
                    out.onCompleted();
                  }
                })
            .build()
            .start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  CheckRequest last() {
    return received.get(received.size() - 1);
  }

  private static CheckResponse answer(CheckRequest request) {
    String decision =
        request.getAttributes().getRequest().getHttp().getHeadersOrDefault("x-decision", "");
    if (decision.equals("allow")) {
      return CheckResponse.newBuilder()
          .setStatus(Status.newBuilder().setCode(0))
          .setOkResponse(
              OkHttpResponse.newBuilder()
                  .addHeaders(header("x-authz-user", "alice"))
                  .addHeadersToRemove("x-secret")
                  .addResponseHeadersToAdd(header("x-authz-checked", "yes")))
          .setDynamicMetadata(
              Struct.newBuilder()
                  .putFields("user", Value.newBuilder().setStringValue("alice").build())
                  .putFields("tier", Value.newBuilder().setStringValue("gold").build()))
          .build();
    }
    if (decision.equals("deny")) {
      return CheckResponse.newBuilder()
          .setStatus(Status.newBuilder().setCode(7))
          .setDeniedResponse(
              DeniedHttpResponse.newBuilder()
                  .setStatus(HttpStatus.newBuilder().setCode(StatusCode.Unauthorized))
                  .addHeaders(header("www-authenticate", "Bearer realm=\"authz\""))
                  .setBody("denied by the test authz server"))
          .build();
    }
    return CheckResponse.newBuilder().setStatus(Status.newBuilder().setCode(7)).build();
  }

  private static HeaderValueOption header(String name, String value) {
    return HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
        .setAppend(BoolValue.of(false))
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
