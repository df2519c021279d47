package io.agw.gateway.llm.exchange;

import io.agw.gateway.backend.BackendClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM gateway's beans: secrets, metrics and the route compiler the state factory uses. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

  @Bean
  SecretResolver secretResolver() {
    return new SecretResolver();
  }

  @Bean
  LlmMetrics llmMetrics(MeterRegistry meters) {
    return new LlmMetrics(meters);
  }

  @Bean
  LlmRoutes llmRoutes(BackendClients clients, SecretResolver secrets, LlmMetrics metrics) {
    return new LlmRoutes(new LlmBackendFactory(clients, secrets), secrets, metrics);
  }
}
