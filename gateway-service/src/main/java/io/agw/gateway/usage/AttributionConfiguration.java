package io.agw.gateway.usage;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.state.ResourceStore;
import io.agw.gateway.usage.cost.CallCosts;
import io.agw.gateway.usage.cost.CostMetrics;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who calls are charged to ({@code config.standardAttributes}) and the LLM runtime's hooks. */
@Configuration(proxyBeanMethods = false)
class AttributionConfiguration {

  @Bean
  StandardAttributeRules standardAttributeRules(CelEnvironment cel) {
    return new StandardAttributeRules(cel);
  }

  /** Follows the configuration: the rules are recompiled with every state. */
  @Bean
  SmartInitializingSingleton standardAttributeRulesFollowState(
      ResourceStore store, StandardAttributeRules rules) {
    return () -> {
      store.addListener(rules);
      rules.apply(store.current());
    };
  }

  @Bean
  UsageHooks usageHooks(CallCosts costs, CostMetrics metrics, StandardAttributeRules rules) {
    return new UsageHooks(costs, metrics, rules::current);
  }
}
