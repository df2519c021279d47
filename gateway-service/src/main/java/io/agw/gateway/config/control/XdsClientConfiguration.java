package io.agw.gateway.config.control;

import io.agw.gateway.GatewayProperties;
import io.agw.gateway.state.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The xDS client, when {@code agw.xds.address} is set (see {@link XdsEnabled}). */
@Configuration(proxyBeanMethods = false)
@Conditional(XdsEnabled.class)
class XdsClientConfiguration {

  @Bean
  XdsClient xdsClient(GatewayProperties properties, ResourceStore store) {
    return new XdsClient(properties.xds(), store);
  }
}
