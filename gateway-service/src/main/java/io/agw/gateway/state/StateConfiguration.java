package io.agw.gateway.state;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.http.PolicyFilters;
import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.mcp.McpRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The resource store and the factory that turns resources into states. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

  @Bean
  ListenerTlsFactory listenerTlsFactory() {
    return new ListenerTlsFactory();
  }

  @Bean
  GatewayStateFactory gatewayStateFactory(
      PolicyFilters policyFilters,
      BackendClients clients,
      ListenerTlsFactory listenerTls,
      LlmRoutes llmRoutes,
      McpRoutes mcpRoutes) {
    return new GatewayStateFactory(policyFilters, clients, listenerTls, llmRoutes, mcpRoutes);
  }

  @Bean
  ResourceStore resourceStore(GatewayStateFactory factory) {
    return new ResourceStore(factory);
  }
}
