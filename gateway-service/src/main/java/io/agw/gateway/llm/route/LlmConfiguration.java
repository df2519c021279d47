package io.agw.gateway.llm.route;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.exchange.LlmCallHooks;
import io.agw.gateway.llm.backend.LlmBackendFactory;
import io.agw.gateway.llm.balance.Endpoints;
import io.agw.gateway.llm.guard.GuardEndpoints;
import io.agw.gateway.llm.guard.GuardServices;
import io.agw.gateway.llm.telemetry.LlmChoiceMetrics;
import io.agw.gateway.llm.telemetry.LlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM gateway's beans: secrets, metrics and the route compiler the state factory uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GuardEndpoints.class)
public class LlmConfiguration {

  @Bean
  SecretResolver secretResolver() {
    return new SecretResolver();
  }

  @Bean
  LlmMetrics llmMetrics(MeterRegistry meters) {
    return new LlmMetrics(meters);
  }

  /** Provider endpoints' latency and health, kept across config states. */
  @Bean
  Endpoints llmEndpoints() {
    return new Endpoints(System::nanoTime);
  }

  @Bean
  LlmRoutes llmRoutes(
      BackendClients clients,
      SecretResolver secrets,
      LlmMetrics metrics,
      Endpoints endpoints,
      MeterRegistry meters,
      CelEnvironment cel,
      GuardEndpoints guardEndpoints,
      List<LlmCallHooks> usageHooks) {
    GuardServices guardServices = new GuardServices(clients, secrets, cel, guardEndpoints);
    return new LlmRoutes(
        new LlmBackendFactory(clients, secrets, endpoints, guardServices, cel),
        secrets,
        metrics,
        new LlmChoiceMetrics(meters),
        guardServices,
        LlmCallHooks.all(usageHooks));
  }
}
