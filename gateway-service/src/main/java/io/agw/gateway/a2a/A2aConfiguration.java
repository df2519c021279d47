package io.agw.gateway.a2a;

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
}
