package io.agw.gateway.extproc;

import com.google.protobuf.Struct;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.security.extauthz.ProtoStructs;
import io.agw.model.resource.v1.ExtProc;
import io.agw.model.resource.v1.ExtProcProcessingOptions;
import io.agw.model.resource.v1.ExtProcProcessingOptions.BodyMode;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code extProc} policy, compiled once per state: the channel to the service, the options, and
 * the CEL that fills each stream's gRPC initial metadata ({@code metadataContext}'s reserved
 * namespace {@value #GRPC_INITIAL_METADATA}), the messages' {@code metadata_context} (the other
 * namespaces) and the first message's {@code attributes} of each side. An expression that fails is
 * left out, as agentgateway does. Immutable; thread-safe.
 */
final class ProcessorCall {

  /** The namespace of {@code attributes} agentgateway fills from request/responseAttributes. */
  static final String ATTRIBUTES_NAMESPACE = "envoy.filters.http.ext_proc";

  /** agentgateway's reserved metadataContext namespace, sent as gRPC initial metadata. */
  static final String GRPC_INITIAL_METADATA = "agentgateway.dev.grpc_initial_metadata";

  final ExtProc policy;
  final ExtProcProcessingOptions options;
  final ManagedChannel channel;
  final Duration timeout;
  private final Map<String, Map<String, CelExpression>> metadataContext;
  private final Map<String, CelExpression> requestAttributes;
  private final Map<String, CelExpression> responseAttributes;

  ProcessorCall(
      ExtProc policy,
      ManagedChannel channel,
      Duration timeout,
      Map<String, Map<String, CelExpression>> metadataContext,
      Map<String, CelExpression> requestAttributes,
      Map<String, CelExpression> responseAttributes) {
    this.policy = policy;
    this.options = policy.getProcessingOptions();
    this.channel = channel;
    this.timeout = timeout;
    this.metadataContext = metadataContext;
    this.requestAttributes = requestAttributes;
    this.responseAttributes = responseAttributes;
  }

  boolean failOpen() {
    return policy.getFailureMode() == ExtProc.FailureMode.FAIL_OPEN;
  }

  /** The stream's initial metadata, from the reserved namespace, with the request's values. */
  io.grpc.Metadata grpcHeaders(CelContext cel) {
    io.grpc.Metadata headers = new io.grpc.Metadata();
    Map<String, CelExpression> values = metadataContext.get(GRPC_INITIAL_METADATA);
    if (values != null) {
      values.forEach(
          (key, expression) ->
              expression
                  .plain(cel)
                  .filter(v -> !(v instanceof Map<?, ?>) && !(v instanceof Iterable<?>))
                  .ifPresent(
                      v -> {
                        try {
                          headers.put(
                              io.grpc.Metadata.Key.of(
                                  key, io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                              String.valueOf(v));
                        } catch (IllegalArgumentException e) {
                          // Not a valid gRPC header name or value: left out, as agentgateway does.
                        }
                      }));
    }
    return headers;
  }

  /** {@code metadata_context}: every namespace but the reserved one. */
  Metadata metadata(CelContext cel) {
    Metadata.Builder m = Metadata.newBuilder();
    metadataContext.forEach(
        (namespace, values) -> {
          if (!namespace.equals(GRPC_INITIAL_METADATA)) {
            m.putFilterMetadata(namespace, ProtoStructs.struct(evaluate(values, cel)));
          }
        });
    return m.build();
  }

  Map<String, Struct> requestAttributes(CelContext cel) {
    return attributes(requestAttributes, cel);
  }

  Map<String, Struct> responseAttributes(CelContext cel) {
    return attributes(responseAttributes, cel);
  }

  ProtocolConfiguration protocol() {
    return ProtocolConfiguration.newBuilder()
        .setRequestBodyMode(envoy(options.getRequestBodyMode()))
        .setResponseBodyMode(envoy(options.getResponseBodyMode()))
        .build();
  }

  private static BodySendMode envoy(BodyMode mode) {
    return switch (mode) {
      case NONE -> BodySendMode.NONE;
      case BUFFERED -> BodySendMode.BUFFERED;
      case BUFFERED_PARTIAL -> BodySendMode.BUFFERED_PARTIAL;
      case FULL_DUPLEX_STREAMED, UNRECOGNIZED -> BodySendMode.FULL_DUPLEX_STREAMED;
    };
  }

  private static Map<String, Struct> attributes(Map<String, CelExpression> values, CelContext cel) {
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> fields = evaluate(values, cel);
    return fields.isEmpty() ? Map.of() : Map.of(ATTRIBUTES_NAMESPACE, ProtoStructs.struct(fields));
  }

  private static Map<String, Object> evaluate(Map<String, CelExpression> values, CelContext cel) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((key, expression) -> expression.plain(cel).ifPresent(v -> out.put(key, v)));
    return out;
  }
}
