package io.agw.gateway.exchange;

/**
 * The cost of one call in USD, by kind of token (agentgateway's CEL {@code llm.cost}), and where
 * its token counts came from.
 */
public record Cost(
    double total,
    double input,
    double output,
    double cacheRead,
    double cacheWrite,
    double reasoning,
    double inputAudio,
    double outputAudio,
    CostSource source) {}
