package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.CostRates;

/**
 * The prices of the current model catalog. Lookups are in memory and cheap enough for every
 * request. Implementations are immutable snapshots or read one; thread-safe.
 */
public interface ModelPrices {

  /**
   * The rates for {@code model} of {@code provider} at a prompt of {@code contextTokens} tokens
   * (the tier whose {@code contextOver} the prompt exceeds is laid over the base rates), or null
   * when the catalog does not price the model.
   *
   * @param provider the provider's name as the gateway reports it ({@code gen_ai.provider.name})
   * @param model the model the provider reported, else the one the gateway asked for
   */
  CostRates rates(String provider, String model, long contextTokens);
}
