package io.agw.gateway.usage.keys;

import io.agw.gateway.identity.Caller;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.ratelimit.BucketSpec;
import io.agw.gateway.ratelimit.FixedLimit;
import io.agw.gateway.ratelimit.RateLimitFilters;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A virtual key's own limits, on every route where an {@code apiKey} policy accepted it: requests
 * per minute (one token per request, before it goes on) and LLM tokens per minute (the request
 * passes while the key's bucket is above zero; the usage is charged after the response). Buckets
 * live in this process (per replica), named by the key id, and refill the whole minute's amount
 * each minute; a changed limit starts a fresh bucket. A refusal is 429 in the client's format,
 * naming the key and the limit. Runs right after the route's own rate limits. Thread-safe.
 */
final class VirtualKeyLimitFilter implements GlobalFilter, Ordered {

  private static final long MINUTE_MILLIS = 60_000;

  private final VirtualKeyCache keys;
  private final RateLimitFilters limits;

  VirtualKeyLimitFilter(VirtualKeyCache keys, RateLimitFilters limits) {
    this.keys = keys;
    this.limits = limits;
  }

  @Override
  public int getOrder() {
    return FilterOrder.RATE_LIMIT + 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Caller.ApiKeyIdentity identity = Caller.of(exchange).apiKey();
    VirtualKey key = identity == null ? null : keys.byId(identity.id());
    if (key == null || (key.requestsPerMinute() == null && key.tokensPerMinute() == null)) {
      return chain.filter(exchange);
    }
    List<FixedLimit> fixed = new ArrayList<>(2);
    if (key.requestsPerMinute() != null) {
      long n = key.requestsPerMinute();
      fixed.add(
          new FixedLimit(
              "virtual-key|" + key.id() + "|requests",
              new BucketSpec(n, n, MINUTE_MILLIS),
              false,
              "virtual key '" + key.id() + "' is limited to " + n + " requests per minute"));
    }
    if (key.tokensPerMinute() != null) {
      long n = key.tokensPerMinute();
      fixed.add(
          new FixedLimit(
              "virtual-key|" + key.id() + "|tokens",
              new BucketSpec(n, n, MINUTE_MILLIS),
              true,
              "virtual key '" + key.id() + "' is limited to " + n + " tokens per minute"));
    }
    return limits.fixed(fixed).filter(exchange, chain);
  }
}
