package io.agw.model.config.mapping;

import com.google.protobuf.Duration;
import io.agw.model.config.yaml.DurationYaml;
import io.agw.model.config.yaml.FrontendHttpYaml;
import io.agw.model.config.yaml.FrontendPoliciesYaml;
import io.agw.model.config.yaml.FrontendTcpYaml;
import io.agw.model.config.yaml.FrontendTlsYaml;
import io.agw.model.config.yaml.TcpKeepaliveYaml;
import io.agw.model.resource.v1.FrontendHttp;
import io.agw.model.resource.v1.FrontendPolicies;
import io.agw.model.resource.v1.FrontendTcp;
import io.agw.model.resource.v1.FrontendTls;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.TlsVersion;
import java.util.List;

/**
 * Maps {@code frontendPolicies.http}, {@code .tls} and {@code .tcp} and attaches them to every port
 * of the file, as agentgateway targets them at the whole gateway. Fields the gateway cannot honour
 * (HTTP/2 settings, as ports serve HTTP/1.1; header case; ALPN; key exchange groups) are refused
 * with the reason.
 */
final class FrontendPolicyMapper {

  private static final String PATH = "frontendPolicies";
  private static final String HTTP1_ONLY =
      "cannot be honoured: the gateway's ports serve HTTP/1.1 only (no HTTP/2)";

  private final MappingContext ctx;

  FrontendPolicyMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  /** The resources with the frontend policies set on every bind; unchanged when there are none. */
  List<Resource> attach(FrontendPoliciesYaml yaml, List<Resource> resources) {
    if (yaml == null || (yaml.http() == null && yaml.tls() == null && yaml.tcp() == null)) {
      return resources;
    }
    FrontendPolicies.Builder b = FrontendPolicies.newBuilder();
    if (yaml.http() != null) {
      b.setHttp(http(PATH + ".http", yaml.http()));
    }
    if (yaml.tls() != null) {
      b.setTls(tls(PATH + ".tls", yaml.tls()));
    }
    if (yaml.tcp() != null) {
      b.setTcp(tcp(PATH + ".tcp", yaml.tcp()));
    }
    FrontendPolicies frontend = b.build();
    return resources.stream()
        .map(
            r ->
                r.hasBind()
                    ? r.toBuilder().setBind(r.getBind().toBuilder().setFrontend(frontend)).build()
                    : r)
        .toList();
  }

  private FrontendHttp http(String path, FrontendHttpYaml yaml) {
    FrontendHttp.Builder b = FrontendHttp.newBuilder();
    if (yaml.maxBufferSize() != null) {
      if (yaml.maxBufferSize() < 1 || yaml.maxBufferSize() > Integer.MAX_VALUE) {
        ctx.error(path + ".maxBufferSize", "must be from 1 to " + Integer.MAX_VALUE + " bytes");
      } else {
        b.setMaxBufferSize(yaml.maxBufferSize());
      }
    }
    if (yaml.http1MaxHeaders() != null) {
      if (yaml.http1MaxHeaders() < 1 || yaml.http1MaxHeaders() > 100_000) {
        ctx.error(path + ".http1MaxHeaders", "must be from 1 to 100000");
      } else {
        b.setHttp1MaxHeaders(yaml.http1MaxHeaders().intValue());
      }
    }
    ctx.duration(path + ".http1IdleTimeout", yaml.http1IdleTimeout())
        .ifPresent(
            d -> {
              if (d.getSeconds() == 0 && d.getNanos() < 1_000_000) {
                ctx.error(path + ".http1IdleTimeout", "must be at least 1ms");
              } else {
                b.setHttp1IdleTimeout(d);
              }
            });
    if (yaml.http1HeaderCase() != null) {
      ctx.error(
          path + ".http1HeaderCase",
          "cannot be honoured: response header names are sent as the backend or the gateway wrote"
              + " them");
    }
    refuseIfSet(path + ".http2WindowSize", yaml.http2WindowSize());
    refuseIfSet(path + ".http2ConnectionWindowSize", yaml.http2ConnectionWindowSize());
    refuseIfSet(path + ".http2FrameSize", yaml.http2FrameSize());
    refuseIfSet(path + ".http2MaxHeaderSize", yaml.http2MaxHeaderSize());
    refuseIfSet(path + ".http2KeepaliveInterval", yaml.http2KeepaliveInterval());
    refuseIfSet(path + ".http2KeepaliveTimeout", yaml.http2KeepaliveTimeout());
    ctx.duration(path + ".maxConnectionDuration", yaml.maxConnectionDuration())
        .ifPresent(
            d -> {
              if (d.getSeconds() == 0 && d.getNanos() < 1_000_000) {
                ctx.error(path + ".maxConnectionDuration", "must be at least 1ms");
              } else {
                b.setMaxConnectionDuration(d);
              }
            });
    return b.build();
  }

  private void refuseIfSet(String path, Object value) {
    if (value != null) {
      ctx.error(path, HTTP1_ONLY);
    }
  }

  private FrontendTls tls(String path, FrontendTlsYaml yaml) {
    FrontendTls.Builder b = FrontendTls.newBuilder();
    ctx.duration(path + ".handshakeTimeout", yaml.handshakeTimeout())
        .ifPresent(
            d -> {
              if (d.getSeconds() == 0 && d.getNanos() < 1_000_000) {
                ctx.error(path + ".handshakeTimeout", "must be at least 1ms");
              } else {
                b.setHandshakeTimeout(d);
              }
            });
    if (yaml.alpn() != null) {
      ctx.error(
          path + ".alpn",
          "cannot be honoured: the gateway's ports serve HTTP/1.1 only and advertise no ALPN"
              + " protocols");
    }
    TlsVersion min = TlsProtocols.version(ctx, path + ".minVersion", yaml.minVersion());
    TlsVersion max = TlsProtocols.version(ctx, path + ".maxVersion", yaml.maxVersion());
    TlsProtocols.checkRange(ctx, path, min, max);
    b.setMinVersion(min).setMaxVersion(max);
    b.addAllCipherSuites(
        TlsProtocols.cipherSuites(ctx, path + ".cipherSuites", yaml.cipherSuites()));
    TlsProtocols.refuseKeyExchangeGroups(
        ctx, path + ".keyExchangeGroups", yaml.keyExchangeGroups());
    return b.build();
  }

  private FrontendTcp tcp(String path, FrontendTcpYaml yaml) {
    TcpKeepaliveYaml keepalives = yaml.keepalives();
    if (!ctx.require(path + ".keepalives", keepalives)) {
      return FrontendTcp.getDefaultInstance();
    }
    String kp = path + ".keepalives";
    // agentgateway's defaults: enabled, 3m idle, 3m between probes, 9 probes.
    FrontendTcp.Builder b =
        FrontendTcp.newBuilder()
            .setKeepalive(!Boolean.FALSE.equals(keepalives.enabled()))
            .setKeepaliveTime(seconds(kp + ".time", keepalives.time(), 180))
            .setKeepaliveInterval(seconds(kp + ".interval", keepalives.interval(), 180))
            .setKeepaliveRetries(9);
    if (keepalives.retries() != null) {
      if (keepalives.retries() < 1 || keepalives.retries() > 127) {
        ctx.error(kp + ".retries", "must be from 1 to 127 (the kernel's limit)");
      } else {
        b.setKeepaliveRetries(keepalives.retries().intValue());
      }
    }
    return b.build();
  }

  /** A keepalive duration in whole seconds (the kernel's unit), at least 1 s. */
  private Duration seconds(String path, DurationYaml value, long fallback) {
    Duration d =
        ctx.duration(path, value).orElse(Duration.newBuilder().setSeconds(fallback).build());
    if (d.getSeconds() < 1 || d.getNanos() != 0) {
      ctx.error(path, "must be a whole number of seconds, at least 1s (the kernel's unit)");
    }
    if (d.getSeconds() > 32767) {
      ctx.error(path, "must be at most 32767s (the kernel's limit)");
    }
    return d;
  }
}
