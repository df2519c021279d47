package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.PolicySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Local and Redis-backed rate limits, and their policy kinds. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  RateLimitFilters rateLimitFilters(CelEnvironment cel) {
    return new RateLimitFilters(cel, new LocalBucketStore(System::currentTimeMillis));
  }

  @Bean
  PolicyKind localRateLimitPolicy(RateLimitFilters limits) {
    return kind(PolicySpec.KindCase.LOCAL_RATE_LIMIT, limits);
  }

  @Bean
  PolicyKind remoteRateLimitPolicy(RateLimitFilters limits) {
    return kind(PolicySpec.KindCase.REMOTE_RATE_LIMIT, limits);
  }

  /** The {@code localRateLimit} or {@code remoteRateLimit} kind, built by {@code limits}. */
  static PolicyKind kind(PolicySpec.KindCase kind, RateLimitFilters limits) {
    return new PolicyKind() {
      @Override
      public PolicySpec.KindCase kind() {
        return kind;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        route.addFilters(limits.filters(route.routeId(), spec));
      }
    };
  }
}
