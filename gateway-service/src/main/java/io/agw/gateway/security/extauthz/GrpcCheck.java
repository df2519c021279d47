package io.agw.gateway.security.extauthz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.identity.Caller;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Envoy's {@code envoy.service.auth.v3.Authorization/Check} over a shared plaintext channel. The
 * request carries what agentgateway sends: peers, the HTTP attributes with the chosen headers and
 * body, {@code context_extensions}, and {@code metadata_context} (the CEL {@code metadata}, or
 * without it the caller's JWT claims under {@code envoy.filters.http.jwt_authn}). A non-OK status
 * is a refusal ({@code denied_response} when the service gave one); a failed call is {@link
 * Decision.Unavailable}. Immutable; thread-safe.
 */
final class GrpcCheck implements AuthorizationCheck {

  static final String JWT_FILTER = "envoy.filters.http.jwt_authn";

  private final ManagedChannel channel;
  private final Duration timeout;
  private final List<String> includedHeaders;
  private final boolean rawBody;
  private final Map<String, String> context;
  private final Map<String, CelExpression> metadata;

  /**
   * @param metadata the CEL metadata, or null when none was written
   */
  GrpcCheck(
      ManagedChannel channel,
      Duration timeout,
      List<String> includedHeaders,
      boolean rawBody,
      Map<String, String> context,
      Map<String, CelExpression> metadata) {
    this.channel = channel;
    this.timeout = timeout;
    this.includedHeaders = includedHeaders;
    this.rawBody = rawBody;
    this.context = context;
    this.metadata = metadata;
  }

  @Override
  public Mono<Decision> check(CheckInput input) {
    CheckRequest request = request(input);
    return Mono.<CheckResponse>create(
            sink ->
                AuthorizationGrpc.newStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .check(
                        request,
                        new StreamObserver<>() {
                          @Override
                          public void onNext(CheckResponse value) {
                            sink.success(value);
                          }

                          @Override
                          public void onError(Throwable t) {
                            sink.error(t);
                          }

                          @Override
                          public void onCompleted() {
                            sink.success();
                          }
                        }))
        .map(GrpcCheck::decision)
        .switchIfEmpty(Mono.fromSupplier(() -> new Decision.Unavailable("no check response")))
        .onErrorResume(e -> Mono.just(new Decision.Unavailable(e.toString())));
  }

  private CheckRequest request(CheckInput input) {
    ServerHttpRequest r = input.exchange().getRequest();
    AttributeContext.HttpRequest.Builder http =
        AttributeContext.HttpRequest.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setMethod(r.getMethod().name())
            .putAllHeaders(RequestAttributes.headers(r, includedHeaders))
            .setPath(RequestAttributes.pathAndQuery(r))
            .setHost(RequestAttributes.authority(r))
            .setScheme(RequestAttributes.scheme(r))
            .setProtocol("HTTP/1.1");
    if (input.body() != null) {
      http.setSize(input.size());
      if (rawBody) {
        http.setRawBody(ByteString.copyFrom(input.body()));
      } else {
        http.setBody(new String(input.body(), StandardCharsets.UTF_8));
      }
    }
    Instant now = Instant.now();
    AttributeContext.Builder attributes =
        AttributeContext.newBuilder()
            .setRequest(
                AttributeContext.Request.newBuilder()
                    .setTime(
                        Timestamp.newBuilder()
                            .setSeconds(now.getEpochSecond())
                            .setNanos(now.getNano()))
                    .setHttp(http))
            .putAllContextExtensions(context)
            .setMetadataContext(metadata(input));
    peer(r.getRemoteAddress()).ifPresent(attributes::setSource);
    peer(r.getLocalAddress()).ifPresent(attributes::setDestination);
    return CheckRequest.newBuilder().setAttributes(attributes).build();
  }

  private Metadata metadata(CheckInput input) {
    Metadata.Builder m = Metadata.newBuilder();
    if (metadata == null) {
      Caller.JwtIdentity jwt = Caller.of(input.exchange()).jwt();
      if (jwt != null) {
        m.putFilterMetadata(JWT_FILTER, ProtoStructs.struct(Map.of("jwt_payload", jwt.claims())));
      }
      return m.build();
    }
    CelContext cel = CelContext.request(input.exchange(), input.body());
    metadata.forEach(
        (key, expression) ->
            expression
                .plain(cel)
                .ifPresent(
                    value -> {
                      if (value instanceof Map<?, ?> map) {
                        m.putFilterMetadata(key, ProtoStructs.struct(map));
                      }
                    }));
    return m.build();
  }

  private static java.util.Optional<AttributeContext.Peer> peer(InetSocketAddress address) {
    if (address == null) {
      return java.util.Optional.empty();
    }
    String host =
        address.getAddress() != null
            ? address.getAddress().getHostAddress()
            : address.getHostString();
    return java.util.Optional.of(
        AttributeContext.Peer.newBuilder()
            .setAddress(
                Address.newBuilder()
                    .setSocketAddress(
                        SocketAddress.newBuilder()
                            .setAddress(host)
                            .setPortValue(address.getPort())))
            .build());
  }

  static Decision decision(CheckResponse response) {
    Map<String, Object> dynamic =
        response.hasDynamicMetadata()
            ? ProtoStructs.plain(response.getDynamicMetadata())
            : Map.of();
    if (response.getStatus().getCode() != 0) {
      if (!response.hasDeniedResponse()) {
        return new Decision.DenyWithoutResponse(dynamic);
      }
      DeniedHttpResponse denied = response.getDeniedResponse();
      int status = denied.getStatus().getCodeValue();
      if (HttpStatus.resolve(status) == null) {
        status = HttpStatus.FORBIDDEN.value();
      }
      HttpHeaders headers = new HttpHeaders();
      edits(denied.getHeadersList()).forEach(e -> e.applyTo(headers));
      return new Decision.Deny(
          status, headers, denied.getBody().getBytes(StandardCharsets.UTF_8), dynamic);
    }
    if (!response.hasOkResponse()) {
      return new Decision.Allow(List.of(), List.of(), List.of(), dynamic);
    }
    OkHttpResponse ok = response.getOkResponse();
    return new Decision.Allow(
        edits(ok.getHeadersList()),
        ok.getHeadersToRemoveList(),
        edits(ok.getResponseHeadersToAddList()),
        dynamic);
  }

  private static List<Decision.HeaderEdit> edits(List<HeaderValueOption> options) {
    List<Decision.HeaderEdit> out = new ArrayList<>();
    for (HeaderValueOption option : options) {
      if (!option.hasHeader() || option.getHeader().getKey().isEmpty()) {
        continue;
      }
      String value =
          option.getHeader().getRawValue().isEmpty()
              ? option.getHeader().getValue()
              : option.getHeader().getRawValue().toStringUtf8();
      out.add(new Decision.HeaderEdit(option.getHeader().getKey(), value, action(option)));
    }
    return out;
  }

  private static Decision.Action action(HeaderValueOption option) {
    return switch (option.getAppendAction()) {
      case APPEND_IF_EXISTS_OR_ADD ->
          option.hasAppend() && option.getAppend().getValue()
              ? Decision.Action.APPEND_IF_EXISTS_OR_ADD
              : Decision.Action.OVERWRITE_IF_EXISTS_OR_ADD;
      case ADD_IF_ABSENT -> Decision.Action.ADD_IF_ABSENT;
      case OVERWRITE_IF_EXISTS_OR_ADD -> Decision.Action.OVERWRITE_IF_EXISTS_OR_ADD;
      case OVERWRITE_IF_EXISTS -> Decision.Action.OVERWRITE_IF_EXISTS;
      case UNRECOGNIZED -> Decision.Action.APPEND_IF_EXISTS_OR_ADD;
    };
  }
}
