package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.policy.PolicyKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Authentication and authorization policy kinds, and the JWKS cache. (Kinds that are components
 * register themselves.)
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  JwkSources jwkSources(
      @Value("${agw.security.jwks-ca-file:}") String caFile,
      @Value("${agw.security.jwks-min-refetch:5s}") Duration minRefetch) {
    return new JwkSources(caFile.isBlank() ? null : Path.of(caFile), Clock.systemUTC(), minRefetch);
  }

  @Bean
  PolicyKind jwtAuthPolicy(CelEnvironment cel, JwkSources keys) {
    return SecurityPolicyKinds.jwtAuth(cel, keys);
  }

  @Bean
  PolicyKind apiKeyPolicy(CelEnvironment cel, ObjectProvider<ApiKeyLookup> others) {
    return SecurityPolicyKinds.apiKey(cel, others.getIfAvailable(() -> ApiKeyLookup.NONE));
  }

  @Bean
  PolicyKind basicAuthPolicy(CelEnvironment cel) {
    return SecurityPolicyKinds.basicAuth(cel);
  }

  @Bean
  PolicyKind csrfPolicy() {
    return SecurityPolicyKinds.csrf();
  }

  @Bean
  PolicyKind authorizationPolicy(CelEnvironment cel) {
    return SecurityPolicyKinds.authorization(cel);
  }
}
