package io.agw.gateway.exchange;

/**
 * Prices an LLM call from what it knows so far (the usage the provider reported, else the gateway's
 * own estimate). The usage feature supplies it ({@code usage.cost.CallCosts}); the call asks it
 * whenever its cost is read. Implementations are pure and thread-safe.
 */
@FunctionalInterface
public interface CallPricer {

  /** The call's cost and the rates it was priced at, or null when it cannot be priced. */
  PricedCall price(LlmCall call);
}
