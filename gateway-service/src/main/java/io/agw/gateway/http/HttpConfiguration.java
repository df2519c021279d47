package io.agw.gateway.http;

import io.agw.gateway.a2a.A2aFilters;
import io.agw.gateway.cel.CelEnvironment;
import java.util.List;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Route policies and extension filters. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

  @Bean
  ExtensionFilters extensionFilters(
      List<GatewayFilterFactory<?>> factories, ConfigurationService configurationService) {
    return new ExtensionFilters(factories, configurationService);
  }

  @Bean
  CelEnvironment celEnvironment() {
    return new CelEnvironment();
  }

  @Bean
  PolicyFilters policyFilters(
      ExtensionFilters extensions, A2aFilters a2a, CelEnvironment cel, SecurityPolicies security) {
    return new PolicyFilters(extensions, a2a, cel, security);
  }
}
