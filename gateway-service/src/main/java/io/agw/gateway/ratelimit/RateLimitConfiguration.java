package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Local and Redis-backed rate limits. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  RateLimitFilters rateLimitFilters(CelEnvironment cel) {
    return new RateLimitFilters(cel, new LocalBucketStore(System::currentTimeMillis));
  }
}
