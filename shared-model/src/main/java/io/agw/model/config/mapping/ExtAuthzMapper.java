package io.agw.model.config.mapping;

import io.agw.model.config.yaml.ExtAuthzBodyYaml;
import io.agw.model.config.yaml.ExtAuthzCacheYaml;
import io.agw.model.config.yaml.ExtAuthzFailureModeYaml;
import io.agw.model.config.yaml.ExtAuthzProtocolYaml;
import io.agw.model.config.yaml.ExtAuthzYaml;
import io.agw.model.resource.v1.ExtAuthz;
import io.agw.model.resource.v1.ExtAuthzBody;
import io.agw.model.resource.v1.ExtAuthzCache;
import io.agw.model.resource.v1.ExtAuthzGrpc;
import io.agw.model.resource.v1.ExtAuthzHttp;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps the {@code extAuthz} policy with agentgateway's defaults: gRPC when no {@code protocol} is
 * written, {@code failureMode} deny, at most 8192 body bytes. The service is a {@code host} ({@code
 * host:port}); a {@code backend} reference, a {@code service} (issue 19), the service's own {@code
 * policies} are refused with their path, never ignored.
 */
final class ExtAuthzMapper {

  static final int DEFAULT_MAX_REQUEST_BYTES = 8192;

  private static final Set<String> PSEUDO_HEADERS =
      Set.of(":method", ":path", ":authority", ":scheme");

  private final MappingContext ctx;

  ExtAuthzMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  ExtAuthz extAuthz(String path, ExtAuthzYaml yaml) {
    ExtAuthz.Builder b = ExtAuthz.newBuilder();
    target(path, yaml, b);
    if (yaml.policies() != null) {
      ctx.error(
          path + ".policies",
          "policies for the call to the authorization service are not supported yet (issue 17)");
    }
    if (yaml.cache() != null) {
      b.setCache(cache(path + ".cache", yaml.cache()));
    }
    protocol(path + ".protocol", yaml.protocol(), b);
    failureMode(path + ".failureMode", yaml.failureMode(), b);
    var headers = MappingContext.list(yaml.includeRequestHeaders());
    for (int i = 0; i < headers.size(); i++) {
      String name = header(path + ".includeRequestHeaders[" + i + "]", headers.get(i));
      if (name != null) {
        b.addIncludeRequestHeaders(name);
      }
    }
    if (yaml.includeRequestBody() != null) {
      b.setIncludeRequestBody(body(path + ".includeRequestBody", yaml.includeRequestBody()));
    }
    return b.build();
  }

  private void target(String path, ExtAuthzYaml yaml, ExtAuthz.Builder b) {
    int targets =
        (yaml.host() != null ? 1 : 0)
            + (yaml.backend() != null ? 1 : 0)
            + (yaml.service() != null ? 1 : 0);
    if (targets == 0) {
      ctx.error(path, "set the authorization service: host (host:port)");
      return;
    }
    if (targets > 1) {
      ctx.error(path, "set exactly one of host, backend and service");
      return;
    }
    if (yaml.service() != null) {
      ctx.error(
          path + ".service",
          "service targets are not supported yet (services and workloads: issue 19); use host");
    } else if (yaml.backend() != null) {
      ctx.error(
          path + ".backend",
          "a backend reference as the authorization service is not supported yet (issue 17); use"
              + " host");
    } else if (yaml.host().startsWith("unix:")) {
      ctx.error(path + ".host", "unix sockets are not supported; use host:port");
    } else {
      try {
        HostPort.parse(yaml.host());
        b.setHost(yaml.host());
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".host", e.getMessage());
      }
    }
  }

  private ExtAuthzCache cache(String path, ExtAuthzCacheYaml yaml) {
    ExtAuthzCache.Builder b = ExtAuthzCache.newBuilder();
    if (ctx.require(path + ".key", yaml.key())) {
      for (int i = 0; i < yaml.key().size(); i++) {
        String at = path + ".key[" + i + "]";
        if (ctx.require(at, yaml.key().get(i))) {
          ctx.checkCel(at, yaml.key().get(i));
          b.addKey(yaml.key().get(i));
        }
      }
    }
    if (ctx.require(path + ".ttl", yaml.ttl())) {
      String ttl = ttlExpression(yaml.ttl());
      ctx.checkCel(path + ".ttl", ttl);
      b.setTtl(ttl);
    }
    if (yaml.maxEntries() != null) {
      if (yaml.maxEntries() < 0 || yaml.maxEntries() > 0xFFFFFFFFL) {
        ctx.error(path + ".maxEntries", "must be between 0 and 4294967295");
      } else {
        b.setMaxEntries((int) (long) yaml.maxEntries());
      }
    }
    return b.build();
  }

  /**
   * As agentgateway: a TTL that reads as a duration ({@code 5m}, {@code 1h30m}) becomes {@code
   * duration("5m")}; anything else is a CEL expression. A bare number stays an expression (seconds
   * since the epoch), so only text with a unit counts as a duration.
   */
  static String ttlExpression(String ttl) {
    if (ttl.chars().anyMatch(Character::isLetter) && ttl.chars().noneMatch(c -> c == '"')) {
      try {
        Durations.parse(ttl.strip());
        return "duration(\"" + ttl.strip() + "\")";
      } catch (IllegalArgumentException e) {
        // Not a duration: an expression such as extauthz.expires - 5.
      }
    }
    return ttl;
  }

  private void protocol(String path, ExtAuthzProtocolYaml yaml, ExtAuthz.Builder b) {
    if (yaml == null || (yaml.grpc() == null && yaml.http() == null)) {
      b.setGrpc(ExtAuthzGrpc.getDefaultInstance());
      return;
    }
    if (yaml.grpc() != null && yaml.http() != null) {
      ctx.error(path, "set one of grpc and http");
      return;
    }
    if (yaml.grpc() != null) {
      b.setGrpc(grpc(path + ".grpc", yaml.grpc()));
    } else {
      b.setHttp(http(path + ".http", yaml.http()));
    }
  }

  private ExtAuthzGrpc grpc(String path, ExtAuthzProtocolYaml.Grpc yaml) {
    ExtAuthzGrpc.Builder b = ExtAuthzGrpc.newBuilder();
    if (yaml.context() != null) {
      b.putAllContext(yaml.context());
    }
    if (yaml.metadata() != null) {
      b.setMetadataSet(true);
      b.putAllMetadata(expressions(path + ".metadata", yaml.metadata()));
    }
    return b.build();
  }

  private ExtAuthzHttp http(String path, ExtAuthzProtocolYaml.Http yaml) {
    ExtAuthzHttp.Builder b = ExtAuthzHttp.newBuilder();
    if (yaml.path() != null) {
      ctx.checkCel(path + ".path", yaml.path());
      b.setPath(yaml.path());
    }
    if (yaml.redirect() != null) {
      ctx.checkCel(path + ".redirect", yaml.redirect());
      b.setRedirect(yaml.redirect());
    }
    if (yaml.body() != null) {
      ctx.checkCel(path + ".body", yaml.body());
      b.setBody(yaml.body());
    }
    var included = MappingContext.list(yaml.includeResponseHeaders());
    for (int i = 0; i < included.size(); i++) {
      String name = header(path + ".includeResponseHeaders[" + i + "]", included.get(i));
      if (name != null && name.startsWith(":")) {
        ctx.error(path + ".includeResponseHeaders[" + i + "]", "must be a header name");
      } else if (name != null) {
        b.addIncludeResponseHeaders(name);
      }
    }
    if (yaml.addRequestHeaders() != null) {
      for (var e : new TreeMap<>(yaml.addRequestHeaders()).entrySet()) {
        String at = path + ".addRequestHeaders." + e.getKey();
        String name = header(at, e.getKey());
        if (name != null
            && name.startsWith(":")
            && !name.equals(":method")
            && !name.equals(":authority")
            && !name.equals(":path")) {
          ctx.error(at, "of the pseudo-headers only :method, :authority and :path can be set");
        } else if (name != null) {
          ctx.checkCel(at, e.getValue());
          b.putAddRequestHeaders(name, e.getValue() == null ? "" : e.getValue());
        }
      }
    }
    if (yaml.metadata() != null) {
      b.putAllMetadata(expressions(path + ".metadata", yaml.metadata()));
    }
    return b.build();
  }

  private Map<String, String> expressions(String path, Map<String, String> yaml) {
    Map<String, String> out = new TreeMap<>();
    for (var e : yaml.entrySet()) {
      if (ctx.require(path + "." + e.getKey(), e.getValue())) {
        ctx.checkCel(path + "." + e.getKey(), e.getValue());
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** A header name in lower case, or a pseudo-header; null (reported) when invalid. */
  private String header(String path, String name) {
    if (name == null || name.isBlank()) {
      ctx.error(path, "a header name must not be empty");
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith(":")) {
      if (!PSEUDO_HEADERS.contains(lower)) {
        ctx.error(
            path,
            "unknown pseudo-header '" + name + "'; use :method, :path, :authority or :scheme");
        return null;
      }
      return lower;
    }
    if (!lower.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      ctx.error(path, "invalid header name '" + name + "'");
      return null;
    }
    return lower;
  }

  private void failureMode(String path, ExtAuthzFailureModeYaml yaml, ExtAuthz.Builder b) {
    if (yaml == null) {
      b.setFailureMode(ExtAuthz.FailureMode.FAILURE_MODE_DENY);
      return;
    }
    if (yaml.mode() == null) {
      long status = yaml.denyWithStatus();
      if (status < 100 || status > 599) {
        ctx.error(path + ".denyWithStatus", "must be an HTTP status between 100 and 599");
        return;
      }
      b.setFailureMode(ExtAuthz.FailureMode.FAILURE_MODE_DENY_WITH_STATUS)
          .setDenyStatus((int) status);
      return;
    }
    switch (yaml.mode()) {
      case "allow" -> b.setFailureMode(ExtAuthz.FailureMode.FAILURE_MODE_ALLOW);
      case "deny" -> b.setFailureMode(ExtAuthz.FailureMode.FAILURE_MODE_DENY);
      default ->
          ctx.error(
              path,
              "must be allow, deny, or {denyWithStatus: <HTTP status>}, not '" + yaml.mode() + "'");
    }
  }

  private ExtAuthzBody body(String path, ExtAuthzBodyYaml yaml) {
    ExtAuthzBody.Builder b =
        ExtAuthzBody.newBuilder().setMaxRequestBytes(DEFAULT_MAX_REQUEST_BYTES);
    // agentgateway documents 8192 for an omitted maxRequestBytes; a written value is kept.
    if (yaml.maxRequestBytes() != null) {
      if (yaml.maxRequestBytes() < 0 || yaml.maxRequestBytes() > 0xFFFFFFFFL) {
        ctx.error(path + ".maxRequestBytes", "must be between 0 and 4294967295");
      } else {
        b.setMaxRequestBytes((int) (long) yaml.maxRequestBytes());
      }
    }
    b.setAllowPartialMessage(Boolean.TRUE.equals(yaml.allowPartialMessage()));
    b.setPackAsBytes(Boolean.TRUE.equals(yaml.packAsBytes()));
    return b.build();
  }
}
