package io.agw.gateway.exchange;

/**
 * A model's prices in USD per million tokens, as agentgateway's catalog names them; null where the
 * catalog sets no price. {@code reasoning} falls back to {@code output}, {@code inputAudio} to
 * {@code input} and {@code outputAudio} to {@code output} when null.
 */
public record CostRates(
    Double input,
    Double output,
    Double cacheRead,
    Double cacheWrite,
    Double reasoning,
    Double inputAudio,
    Double outputAudio) {

  public static final CostRates NONE = new CostRates(null, null, null, null, null, null, null);
}
