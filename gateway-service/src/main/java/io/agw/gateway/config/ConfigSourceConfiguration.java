package io.agw.gateway.config;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.config.control.XdsEnabled;
import io.agw.gateway.state.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Where the gateway's resources come from: the YAML file (or the built-in default), unless the
 * control service does ({@code agw.xds.address}, see {@code config.control}). One source at a time:
 * two would overwrite each other's resources.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(XdsEnabled.Disabled.class)
class ConfigSourceConfiguration {

  @Bean
  ConfigFileSource configFileSource(GatewayProperties properties, ResourceStore store) {
    return new ConfigFileSource(properties.config(), store);
  }
}
