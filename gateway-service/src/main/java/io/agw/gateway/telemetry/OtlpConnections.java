package io.agw.gateway.telemetry;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.model.resource.v1.BackendTls;
import io.agw.model.resource.v1.DataSource;
import io.agw.model.resource.v1.OtlpTarget;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * How the OTLP exporters reach a collector ({@link OtlpTarget}): over gRPC a channel of the
 * gateway's own (grpc-java on Netty) with the target's {@code backendTLS} (trust, client
 * certificate, the name verified and sent as SNI, or no verification); over HTTP the exporter's TLS
 * settings (trust and client certificate); and on both the headers of every export. Stateless.
 */
final class OtlpConnections {

  private OtlpConnections() {}

  /**
   * A channel to a gRPC target; its certificate files are read now.
   *
   * @throws IllegalArgumentException when a certificate or key cannot be read
   */
  static ManagedChannel channel(OtlpTarget target) {
    URI uri = URI.create(target.getEndpoint());
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort());
    if (!target.hasTls()) {
      return builder.usePlaintext().build();
    }
    BackendTls tls = target.getTls();
    try {
      builder.sslContext(
          GrpcSslContexts.configure(
                  BackendClients.sslContextBuilder(tls), BackendClients.sslProvider(tls))
              .build());
    } catch (SSLException e) {
      throw new IllegalArgumentException("backendTLS: " + e.getMessage(), e);
    }
    if (!tls.getHostname().isEmpty()) {
      builder.overrideAuthority(tls.getHostname() + ":" + uri.getPort());
    }
    return builder.build();
  }

  /**
   * Reads what a connection to {@code target} needs (certificates, keys, secrets) without
   * connecting, so that a configuration naming a missing file is refused.
   *
   * @throws IllegalArgumentException when something cannot be read
   */
  static void check(OtlpTarget target, SecretResolver secrets) {
    headers(target, secrets);
    if (!target.hasTls()) {
      return;
    }
    if (target.getGrpc()) {
      try {
        GrpcSslContexts.configure(
                BackendClients.sslContextBuilder(target.getTls()),
                BackendClients.sslProvider(target.getTls()))
            .build();
      } catch (SSLException e) {
        throw new IllegalArgumentException("backendTLS: " + e.getMessage(), e);
      }
    } else {
      httpTls(target, roots -> {}, (key, cert) -> {});
    }
  }

  /**
   * The headers sent with every export: {@code requestHeaderModifier}'s, and {@code backendAuth}'s
   * key as a bearer token.
   *
   * @throws IllegalArgumentException when the key's file or variable cannot be read
   */
  static Map<String, String> headers(OtlpTarget target, SecretResolver secrets) {
    Map<String, String> headers = new LinkedHashMap<>(target.getHeadersMap());
    if (target.hasBearer()) {
      headers.put("authorization", "Bearer " + secrets.resolve(target.getBearer()));
    }
    return headers;
  }

  /**
   * Sets an OTLP/HTTP exporter's TLS from the target: the trusted roots and the client certificate
   * (the mapper refuses the settings this cannot honour).
   *
   * @param trusted the builder's {@code setTrustedCertificates}
   * @param client the builder's {@code setClientTls} (key, then certificate)
   */
  static void httpTls(
      OtlpTarget target, Consumer<byte[]> trusted, BiConsumer<byte[], byte[]> client) {
    if (!target.hasTls()) {
      return;
    }
    BackendTls tls = target.getTls();
    if (tls.hasRoot()) {
      trusted.accept(read(tls.getRoot()));
    }
    if (tls.hasCert() && tls.hasKey()) {
      client.accept(read(tls.getKey()), read(tls.getCert()));
    }
  }

  private static byte[] read(DataSource source) {
    try (InputStream in = BackendClients.open(source)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("backendTLS: cannot read " + e.getMessage(), e);
    }
  }
}
