package io.agw.gateway.usage.budget;

import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.usage.cost.ModelPrices;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A fixed price list for the simulators' models, so that the budget tests' amounts do not move when
 * the shipped catalog's prices are updated.
 */
@TestConfiguration(proxyBeanMethods = false)
class BudgetTestBeans {

  /** USD per million tokens: gpt-4o* 2.50 in / 10 out, claude-* 3 in / 15 out. */
  @Bean
  @Primary
  ModelPrices testModelPrices() {
    return (provider, model, contextTokens) -> {
      if (model.startsWith("gpt-4o")) {
        return new CostRates(2.5, 10.0, 1.25, null, null, null, null);
      }
      if (model.startsWith("claude-")) {
        return new CostRates(3.0, 15.0, 0.3, 3.75, null, null, null);
      }
      return null;
    };
  }
}
