package io.agw.gateway.state;

import io.agw.gateway.backend.BackendClients;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.BackendKinds;
import io.agw.gateway.policy.PolicyFilters;
import io.agw.gateway.policy.PolicyKind;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The resource store and the factory that turns resources into states. The factory finds every
 * {@link PolicyKind} and {@link BackendKind} bean; features declare theirs in their own
 * configuration.
 */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

  @Bean
  ListenerTlsFactory listenerTlsFactory() {
    return new ListenerTlsFactory();
  }

  @Bean
  BackendKind staticBackendKind() {
    return new StaticBackendKind();
  }

  @Bean
  BackendKind serviceBackendKind() {
    return new ServiceBackendKind();
  }

  @Bean
  GatewayStateFactory gatewayStateFactory(
      List<PolicyKind> policyKinds,
      List<BackendKind> backendKinds,
      BackendClients clients,
      ListenerTlsFactory listenerTls) {
    return new GatewayStateFactory(
        new PolicyFilters(policyKinds), new BackendKinds(backendKinds), clients, listenerTls);
  }

  @Bean
  ResourceStore resourceStore(GatewayStateFactory factory) {
    return new ResourceStore(factory);
  }
}
