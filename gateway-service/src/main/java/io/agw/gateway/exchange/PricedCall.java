package io.agw.gateway.exchange;

/**
 * The cost of a call and the catalog rates it was priced at (after the context-length tier was
 * chosen), for CEL's {@code llm.cost} and {@code llm.costRates}.
 */
public record PricedCall(Cost cost, CostRates rates) {}
