package io.agw.gateway.ratelimit;

import io.agw.gateway.backend.GrpcChannels;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.FilterOrder;
import io.agw.model.resource.v1.LocalRateLimit;
import io.agw.model.resource.v1.LocalRateLimitEntry;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.RateLimitDescriptor;
import io.agw.model.resource.v1.RateLimitUnit;
import io.agw.model.resource.v1.RemoteRateLimit;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * Builds the filters of {@code localRateLimit} and {@code remoteRateLimit}. Owns the process's
 * local buckets, one Redis store per URL and one gRPC channel per rate limit service, all shared by
 * every state so that a reload keeps the counts and the connections. Thread-safe; one per process.
 */
public final class RateLimitFilters implements DisposableBean {

  /**
   * A call to the rate limit service that takes longer fails (then {@code failureMode} applies);
   * agentgateway sets none, the bound keeps a stalled service from holding requests forever.
   */
  static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);

  private final CelEnvironment cel;
  private final LocalBucketStore local;
  private final Map<String, RedisBucketStore> redis = new ConcurrentHashMap<>();
  private final GrpcChannels channels = new GrpcChannels();

  public RateLimitFilters(CelEnvironment cel, LocalBucketStore local) {
    this.cel = cel;
    this.local = local;
  }

  /**
   * The ordered filters of a rate-limit policy.
   *
   * @throws IllegalArgumentException when an expression does not compile
   */
  public List<GatewayFilter> filters(String routeId, PolicySpec spec) {
    List<Limit> limits = new ArrayList<>();
    boolean firstMatch = false;
    if (spec.hasLocalRateLimit()) {
      LocalRateLimit policy = spec.getLocalRateLimit();
      firstMatch = policy.getFirstMatch();
      for (int i = 0; i < policy.getLimitsCount(); i++) {
        LocalRateLimitEntry e = policy.getLimits(i);
        List<Limit.Key> keys =
            e.getKey().isEmpty()
                ? List.of()
                : List.of(new Limit.Key("key", cel.compile(e.getKey())));
        limits.add(
            new Limit(
                e.getCondition().isEmpty() ? null : cel.compile(e.getCondition()),
                "local|" + routeId + "|" + i,
                keys,
                BucketSpec.of(e.getBucket()),
                e.getUnit() == RateLimitUnit.RATE_LIMIT_UNIT_TOKENS,
                local,
                true));
      }
    } else if (spec.hasRemoteRateLimit() && !spec.getRemoteRateLimit().getHost().isEmpty()) {
      return service(spec.getRemoteRateLimit());
    } else if (spec.hasRemoteRateLimit()) {
      RemoteRateLimit policy = spec.getRemoteRateLimit();
      RedisBucketStore store =
          redis.computeIfAbsent(
              policy.getRedisUrl(),
              url -> {
                RedisBucketStore created = new RedisBucketStore(url);
                created.connectInBackground();
                return created;
              });
      for (int i = 0; i < policy.getDescriptorsCount(); i++) {
        RateLimitDescriptor d = policy.getDescriptors(i);
        List<Limit.Key> keys = new ArrayList<>();
        for (RateLimitDescriptor.Entry entry : d.getEntriesList()) {
          keys.add(new Limit.Key(entry.getKey(), cel.compile(entry.getValue())));
        }
        limits.add(
            new Limit(
                null,
                // Replicas share a bucket when domain and descriptor agree, whatever the route.
                "remote|" + policy.getDomain() + "|" + i + "|" + d.getUnit(),
                keys,
                BucketSpec.of(d.getBucket()),
                d.getUnit() == RateLimitUnit.RATE_LIMIT_UNIT_TOKENS,
                store,
                policy.getFailOpen(),
                null,
                d.getCost().isEmpty() ? null : cel.compile(d.getCost())));
      }
    } else {
      throw new IllegalArgumentException("not a rate limit: " + spec.getKindCase());
    }
    List<GatewayFilter> filters = new ArrayList<>();
    filters.add(
        new OrderedGatewayFilter(new RateLimitFilter(limits, firstMatch), FilterOrder.RATE_LIMIT));
    if (limits.stream().anyMatch(Limit::tokens)) {
      filters.add(new OrderedGatewayFilter(new TokenEstimateFilter(), FilterOrder.LLM_POLICY));
    }
    return filters;
  }

  /**
   * The filters of a {@code remoteRateLimit} asking a rate limit service: request descriptors
   * before the request goes on, token descriptors once the LLM request is parsed.
   */
  private List<GatewayFilter> service(RemoteRateLimit policy) {
    List<ServiceDescriptor> descriptors = new ArrayList<>();
    for (RateLimitDescriptor d : policy.getDescriptorsList()) {
      List<Limit.Key> entries = new ArrayList<>();
      for (RateLimitDescriptor.Entry entry : d.getEntriesList()) {
        entries.add(new Limit.Key(entry.getKey(), cel.compile(entry.getValue())));
      }
      descriptors.add(
          new ServiceDescriptor(
              entries,
              d.getUnit() == RateLimitUnit.RATE_LIMIT_UNIT_TOKENS,
              d.getCost().isEmpty() ? null : cel.compile(d.getCost()),
              d.getLimitOverride().isEmpty() ? null : cel.compile(d.getLimitOverride())));
    }
    String host = policy.getHost();
    int colon = host.lastIndexOf(':');
    String name = host.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(host.substring(colon + 1));
    ManagedChannel channel = channels.get(name, port);
    RateLimitService service =
        new RateLimitService(
            channel, policy.getDomain(), descriptors, policy.getFailOpen(), SERVICE_TIMEOUT);
    List<GatewayFilter> filters = new ArrayList<>();
    // Also with token descriptors only: it puts the token amendment on the response early.
    if (service.has(false) || service.has(true)) {
      filters.add(
          new OrderedGatewayFilter(new RateLimitServiceFilter(service), FilterOrder.RATE_LIMIT));
    }
    if (service.has(true)) {
      filters.add(
          new OrderedGatewayFilter(
              new RateLimitServiceTokenFilter(service), FilterOrder.LLM_POLICY));
    }
    return filters;
  }

  /**
   * A filter of limits whose buckets are named by the caller rather than by a policy (a virtual
   * key's own limits), kept in this process. Request limits take one token before the request;
   * token limits let it through while the bucket is above zero and charge the usage afterwards.
   * Cheap to build per request: the buckets live in the shared local store.
   */
  public GatewayFilter fixed(List<FixedLimit> fixed) {
    List<Limit> limits = new ArrayList<>(fixed.size());
    for (FixedLimit f : fixed) {
      limits.add(
          new Limit(
              null, f.bucket(), List.of(), f.spec(), f.tokens(), local, true, f.refusal(), null));
    }
    return new RateLimitFilter(limits, false);
  }

  @Override
  public void destroy() throws InterruptedException {
    redis.values().forEach(RedisBucketStore::close);
    channels.close();
  }
}
