package io.agw.gateway.llmroute;

import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.PolicyKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plugs the LLM runtime into route compilation: the {@code ai} backend and policy kinds. */
@Configuration(proxyBeanMethods = false)
class LlmRouteConfiguration {

  @Bean
  BackendKind aiBackendKind(LlmRoutes llm) {
    return new LlmBackendKind(llm);
  }

  @Bean
  PolicyKind aiPolicy() {
    return LlmPolicyKinds.ai();
  }
}
