package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the gateway's resources come from: the YAML file (or the built-in default). */
@Configuration(proxyBeanMethods = false)
class ConfigSourceConfiguration {

  @Bean
  ConfigFileSource configFileSource(GatewayProperties properties, ResourceStore store) {
    return new ConfigFileSource(properties.config(), store);
  }
}
