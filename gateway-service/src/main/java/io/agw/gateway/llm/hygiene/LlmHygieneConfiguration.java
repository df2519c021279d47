package io.agw.gateway.llm.hygiene;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM upstream hygiene beans. */
@Configuration(proxyBeanMethods = false)
class LlmHygieneConfiguration {

  @Bean
  ClientAddressHeadersFilter clientAddressHeadersFilter(
      @Value("${agw.llm.forward-client-address:false}") boolean forward) {
    return new ClientAddressHeadersFilter(forward);
  }
}
