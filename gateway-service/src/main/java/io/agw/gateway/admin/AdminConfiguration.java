package io.agw.gateway.admin;

import io.agw.gateway.server.BindServers;
import io.agw.gateway.state.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Actuator endpoints and health of the gateway's configuration. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

  @Bean
  ConfigDumpEndpoint configDumpEndpoint(ResourceStore store, BindServers servers) {
    return new ConfigDumpEndpoint(store, servers);
  }

  @Bean(name = "gatewayConfig")
  ConfigHealthIndicator gatewayConfigHealthIndicator(ResourceStore store) {
    return new ConfigHealthIndicator(store);
  }
}
