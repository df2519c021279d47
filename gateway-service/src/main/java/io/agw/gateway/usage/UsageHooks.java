package io.agw.gateway.usage;

import io.agw.gateway.exchange.CallPricer;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.LlmCallHooks;
import io.agw.gateway.usage.cost.CostMetrics;
import java.util.function.Supplier;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the usage feature adds to every LLM call: when the LLM runtime has read the request, the
 * pricer (the model catalog) and the attribution rules of the configuration in force; when the call
 * has ended, its cost on the {@code agw.llm.cost} counter. Thread-safe.
 */
public final class UsageHooks implements LlmCallHooks {

  private final CallPricer pricer;
  private final CostMetrics costs;
  private final Supplier<AttributionRules> rules;

  /**
   * @param pricer prices calls; null leaves them unpriced
   * @param costs counts the cost of ended calls; null counts nothing
   * @param rules the attribution rules in force
   */
  public UsageHooks(CallPricer pricer, CostMetrics costs, Supplier<AttributionRules> rules) {
    this.pricer = pricer;
    this.costs = costs;
    this.rules = rules;
  }

  @Override
  public void started(ServerWebExchange exchange, LlmCall call) {
    call.pricer(pricer);
    AttributionRules current = rules.get();
    if (current != AttributionRules.NONE) {
      exchange.getAttributes().put(AttributionRules.ATTRIBUTE, current);
    }
  }

  @Override
  public void ended(ServerWebExchange exchange, LlmCall call) {
    if (costs != null) {
      costs.record(call, Attribution.of(exchange));
    }
  }
}
