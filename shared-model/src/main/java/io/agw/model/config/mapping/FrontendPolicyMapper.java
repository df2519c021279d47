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
import java.util.Optional;

/**
 * Maps {@code frontendPolicies.http}, {@code .tls} and {@code .tcp} and attaches them to every port
 * of the file, as agentgateway targets them at the whole gateway. Fields the gateway cannot honour
 * (ALPN protocols other than h2 and http/1.1; key exchange groups) are refused with the reason.
 */
final class FrontendPolicyMapper {

  private static final String PATH = "frontendPolicies";
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
      switch (yaml.http1HeaderCase()) {
        case "lowercase" -> b.setHttp1HeaderCase(FrontendHttp.HeaderCase.LOWERCASE);
        case "preserve" -> b.setHttp1HeaderCase(FrontendHttp.HeaderCase.PRESERVE);
        default -> ctx.error(path + ".http1HeaderCase", "must be lowercase or preserve");
      }
    }
    http2Size(path + ".http2WindowSize", yaml.http2WindowSize(), 1, Integer.MAX_VALUE)
        .ifPresent(b::setHttp2WindowSize);
    http2Size(
            path + ".http2ConnectionWindowSize",
            yaml.http2ConnectionWindowSize(),
            1,
            Integer.MAX_VALUE)
        .ifPresent(b::setHttp2ConnectionWindowSize);
    // RFC 9113 6.5.2: SETTINGS_MAX_FRAME_SIZE is from 2^14 to 2^24-1.
    http2Size(path + ".http2FrameSize", yaml.http2FrameSize(), 16_384, 16_777_215)
        .ifPresent(b::setHttp2FrameSize);
    http2Size(path + ".http2MaxHeaderSize", yaml.http2MaxHeaderSize(), 1, Integer.MAX_VALUE)
        .ifPresent(b::setHttp2MaxHeaderSize);
    positiveDuration(path + ".http2KeepaliveInterval", yaml.http2KeepaliveInterval())
        .ifPresent(b::setHttp2KeepaliveInterval);
    positiveDuration(path + ".http2KeepaliveTimeout", yaml.http2KeepaliveTimeout())
        .ifPresent(b::setHttp2KeepaliveTimeout);
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

  private Optional<Integer> http2Size(String path, Long value, long min, long max) {
    if (value == null) {
      return Optional.empty();
    }
    if (value < min || value > max) {
      ctx.error(path, "must be from " + min + " to " + max + " bytes");
      return Optional.empty();
    }
    return Optional.of(value.intValue());
  }

  private Optional<Duration> positiveDuration(String path, DurationYaml value) {
    return ctx.duration(path, value)
        .filter(
            d -> {
              if (d.getSeconds() == 0 && d.getNanos() < 1_000_000) {
                ctx.error(path, "must be at least 1ms");
                return false;
              }
              return true;
            });
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
      b.setAlpnSet(true);
      for (int i = 0; i < yaml.alpn().size(); i++) {
        alpnProtocol(path + ".alpn[" + i + "]", yaml.alpn().get(i)).ifPresent(b::addAlpn);
      }
    }
    TlsVersion min = TlsProtocols.version(ctx, path + ".minVersion", yaml.minVersion());
    TlsVersion max = TlsProtocols.version(ctx, path + ".maxVersion", yaml.maxVersion());
    TlsProtocols.checkRange(ctx, path, min, max);
    b.setMinVersion(min).setMaxVersion(max);
    List<String> suites =
        TlsProtocols.cipherSuites(ctx, path + ".cipherSuites", yaml.cipherSuites());
    List<String> groups =
        TlsProtocols.keyExchangeGroups(ctx, path + ".keyExchangeGroups", yaml.keyExchangeGroups());
    TlsProtocols.checkSuitesWithGroups(ctx, path, suites, groups);
    b.addAllCipherSuites(suites).addAllKeyExchangeGroups(groups);
    return b.build();
  }

  /**
   * One ALPN protocol name, given as its bytes (agentgateway's form). Only the protocols the ports
   * serve can be offered.
   */
  private Optional<String> alpnProtocol(String path, List<Integer> bytes) {
    if (bytes == null || bytes.isEmpty()) {
      ctx.error(path, "must not be empty");
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    for (Integer b : bytes) {
      if (b == null || b < 0 || b > 255) {
        ctx.error(path, "must be a list of bytes (0 to 255)");
        return Optional.empty();
      }
      name.append((char) b.intValue());
    }
    String protocol = name.toString();
    if (!protocol.equals("h2") && !protocol.equals("http/1.1")) {
      ctx.error(
          path,
          "cannot be honoured: '"
              + protocol
              + "' is not served; the ports serve h2 and http/1.1 (given as bytes: [104, 50] and"
              + " [104, 116, 116, 112, 47, 49, 46, 49])");
      return Optional.empty();
    }
    return Optional.of(protocol);
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
