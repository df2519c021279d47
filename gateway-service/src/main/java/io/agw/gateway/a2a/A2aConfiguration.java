package io.agw.gateway.a2a;

import io.agw.gateway.policy.PolicyKind;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The A2A feature: the {@code a2a} policy's filters and their telemetry. */
@Configuration(proxyBeanMethods = false)
class A2aConfiguration {

  @Bean
  A2aFilters a2aFilters(MeterRegistry meters) {
    return new A2aFilters(new A2aTelemetry(meters));
  }

  @Bean
  PolicyKind a2aPolicy(A2aFilters filters) {
    return new A2aPolicyKind(filters);
  }
}
