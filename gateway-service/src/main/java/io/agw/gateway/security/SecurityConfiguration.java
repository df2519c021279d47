package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.http.SecurityPolicies;
import io.agw.gateway.ratelimit.RateLimitFilters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Authentication policies and the JWKS cache. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  JwkSources jwkSources(
      @Value("${agw.security.jwks-ca-file:}") String caFile,
      @Value("${agw.security.jwks-min-refetch:5s}") Duration minRefetch) {
    return new JwkSources(caFile.isBlank() ? null : Path.of(caFile), Clock.systemUTC(), minRefetch);
  }

  @Bean
  SecurityPolicies securityPolicies(CelEnvironment cel, JwkSources keys, RateLimitFilters limits) {
    return new SecurityFilterFactory(cel, keys, limits);
  }
}
