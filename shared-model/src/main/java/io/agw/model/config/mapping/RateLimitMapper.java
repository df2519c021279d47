package io.agw.model.config.mapping;

import io.agw.model.config.yaml.DescriptorYaml;
import io.agw.model.config.yaml.DurationYaml;
import io.agw.model.config.yaml.RateLimitSpecYaml;
import io.agw.model.config.yaml.RateLimitYaml;
import io.agw.model.config.yaml.RemoteRateLimitYaml;
import io.agw.model.resource.v1.LocalRateLimit;
import io.agw.model.resource.v1.LocalRateLimitEntry;
import io.agw.model.resource.v1.RateLimitDescriptor;
import io.agw.model.resource.v1.RateLimitUnit;
import io.agw.model.resource.v1.RemoteRateLimit;
import io.agw.model.resource.v1.TokenBucket;
import java.net.URI;
import java.util.Optional;

/** Maps {@code localRateLimit} and {@code remoteRateLimit} (a rate limit service, or Redis). */
final class RateLimitMapper {

  private final MappingContext ctx;

  RateLimitMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  LocalRateLimit local(String path, RateLimitYaml yaml) {
    LocalRateLimit.Builder b = LocalRateLimit.newBuilder().setFirstMatch(yaml.conditional());
    String listPath = yaml.conditional() ? path + ".conditional" : path;
    if (!ctx.require(listPath, yaml.limits())) {
      return b.build();
    }
    for (int i = 0; i < yaml.limits().size(); i++) {
      String p = listPath + "[" + i + "]";
      RateLimitSpecYaml spec = yaml.limits().get(i);
      if (spec == null) {
        ctx.error(p, "must not be empty");
        continue;
      }
      LocalRateLimitEntry.Builder e = LocalRateLimitEntry.newBuilder();
      if (spec.condition() != null) {
        if (!yaml.conditional()) {
          ctx.error(p + ".condition", "a condition needs the conditional form");
        }
        ctx.checkCel(p + ".condition", spec.condition());
        e.setCondition(spec.condition());
      }
      bucket(p, spec.maxTokens(), spec.tokensPerFill(), spec.fillInterval())
          .ifPresent(e::setBucket);
      e.setUnit(unit(p + ".type", spec.type()));
      if (spec.key() != null) {
        ctx.checkCel(p + ".key", spec.key());
        e.setKey(spec.key());
      }
      b.addLimits(e);
    }
    return b.build();
  }

  /**
   * {@code remoteRateLimit}: {@code host} asks Envoy's rate limit service (agentgateway's meaning),
   * {@code redis} keeps the buckets in Redis (this gateway's extension; each descriptor then needs
   * its {@code limit}). {@code backend} and {@code service} targets and the call's own {@code
   * policies} are refused with their path.
   */
  RemoteRateLimit remote(String path, RemoteRateLimitYaml yaml) {
    RemoteRateLimit.Builder b = RemoteRateLimit.newBuilder();
    Boolean service = target(path, yaml, b);
    if (yaml.policies() != null) {
      ctx.error(
          path + ".policies",
          "policies for the call to the rate limit service are not supported yet; use host");
    }
    if (ctx.require(path + ".domain", yaml.domain())) {
      b.setDomain(yaml.domain());
    }
    String mode = yaml.failureMode();
    if (mode != null
        && !mode.equalsIgnoreCase("failClosed")
        && !mode.equalsIgnoreCase("failOpen")) {
      ctx.error(
          path + ".failureMode", "unknown failure mode '" + mode + "'; use failClosed or failOpen");
    }
    b.setFailOpen(mode != null && mode.equalsIgnoreCase("failOpen"));
    if (ctx.require(path + ".descriptors", yaml.descriptors())) {
      for (int i = 0; i < yaml.descriptors().size(); i++) {
        String p = path + ".descriptors[" + i + "]";
        DescriptorYaml d = yaml.descriptors().get(i);
        if (d == null) {
          ctx.error(p, "must not be empty");
          continue;
        }
        b.addDescriptors(descriptor(p, d, service));
      }
    }
    return b.build();
  }

  /**
   * Sets the target: true for the rate limit service, false for Redis, null when that is unclear
   * (reported), so the descriptors are not also blamed for the other mode.
   */
  private Boolean target(String path, RemoteRateLimitYaml yaml, RemoteRateLimit.Builder b) {
    int targets =
        (yaml.host() != null ? 1 : 0)
            + (yaml.backend() != null ? 1 : 0)
            + (yaml.service() != null ? 1 : 0)
            + (yaml.redis() != null ? 1 : 0);
    if (targets == 0) {
      ctx.error(
          path, "set the rate limit service (host: host:port) or, for buckets in Redis, redis");
      return null;
    }
    if (targets > 1) {
      ctx.error(path, "set exactly one of host, backend, service and redis");
      return null;
    }
    if (yaml.redis() != null) {
      try {
        URI uri = URI.create(yaml.redis());
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())
            || uri.getHost() == null) {
          ctx.error(path + ".redis", "a Redis URL is redis://host:port or rediss://host:port");
        }
      } catch (IllegalArgumentException e) {
        ctx.error(path + ".redis", "'" + yaml.redis() + "' is not a valid URL");
      }
      b.setRedisUrl(yaml.redis());
      return false;
    }
    if (yaml.service() != null) {
      ctx.error(
          path + ".service",
          "service targets are not supported yet (services and workloads: issue 19); use host");
    } else if (yaml.backend() != null) {
      ctx.error(
          path + ".backend",
          "a backend reference as the rate limit service is not supported yet; use host");
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
    return true;
  }

  private RateLimitDescriptor descriptor(String p, DescriptorYaml d, Boolean service) {
    RateLimitDescriptor.Builder db = RateLimitDescriptor.newBuilder();
    if (ctx.require(p + ".entries", d.entries())) {
      for (int j = 0; j < d.entries().size(); j++) {
        String ep = p + ".entries[" + j + "]";
        DescriptorYaml.Entry entry = d.entries().get(j);
        if (entry == null
            || !ctx.require(ep + ".key", entry.key())
            || !ctx.require(ep + ".value", entry.value())) {
          continue;
        }
        ctx.checkCel(ep + ".value", entry.value());
        db.addEntries(
            RateLimitDescriptor.Entry.newBuilder().setKey(entry.key()).setValue(entry.value()));
      }
    }
    db.setUnit(unit(p + ".type", d.type()));
    if (d.cost() != null) {
      ctx.checkCel(p + ".cost", d.cost());
      db.setCost(d.cost());
    }
    if (service == null) {
      if (d.limitOverride() != null) {
        ctx.checkCel(p + ".limitOverride", d.limitOverride());
      }
      return db.build();
    }
    if (service) {
      if (d.limit() != null) {
        ctx.error(
            p + ".limit",
            "limit is for buckets in Redis; the rate limit service holds its own limits (use"
                + " limitOverride to send one)");
      }
      if (d.limitOverride() != null) {
        ctx.checkCel(p + ".limitOverride", d.limitOverride());
        db.setLimitOverride(d.limitOverride());
      }
      return db.build();
    }
    if (d.limitOverride() != null) {
      ctx.error(p + ".limitOverride", "limitOverride is sent to a rate limit service (host)");
    }
    if (ctx.require(p + ".limit", d.limit())) {
      bucket(
              p + ".limit",
              d.limit().maxTokens(),
              d.limit().tokensPerFill(),
              d.limit().fillInterval())
          .ifPresent(db::setBucket);
    }
    return db.build();
  }

  private Optional<TokenBucket> bucket(
      String path, Long maxTokens, Long tokensPerFill, DurationYaml fillInterval) {
    TokenBucket.Builder b = TokenBucket.newBuilder();
    boolean ok = true;
    if (maxTokens == null || maxTokens <= 0) {
      ctx.error(path + ".maxTokens", "maxTokens must be a positive number");
      ok = false;
    } else {
      b.setMaxTokens(maxTokens);
    }
    long fill = tokensPerFill == null ? (maxTokens == null ? 0 : maxTokens) : tokensPerFill;
    if (fill <= 0) {
      ctx.error(path + ".tokensPerFill", "tokensPerFill must be a positive number");
      ok = false;
    }
    b.setTokensPerFill(fill);
    if (!ctx.require(path + ".fillInterval", fillInterval)) {
      return Optional.empty();
    }
    var interval = ctx.duration(path + ".fillInterval", fillInterval);
    if (interval.isEmpty()) {
      return Optional.empty();
    }
    if (interval.get().getSeconds() == 0 && interval.get().getNanos() < 1_000_000) {
      ctx.error(path + ".fillInterval", "fillInterval must be at least 1ms");
      return Optional.empty();
    }
    b.setFillInterval(interval.get());
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  private RateLimitUnit unit(String path, String type) {
    if (type == null || type.equals("requests")) {
      return RateLimitUnit.RATE_LIMIT_UNIT_REQUESTS;
    }
    if (type.equals("tokens")) {
      return RateLimitUnit.RATE_LIMIT_UNIT_TOKENS;
    }
    ctx.error(path, "unknown type '" + type + "'; use requests or tokens");
    return RateLimitUnit.RATE_LIMIT_UNIT_REQUESTS;
  }
}
