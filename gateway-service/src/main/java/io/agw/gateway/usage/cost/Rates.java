package io.agw.gateway.usage.cost;

/**
 * A model's prices in USD per million tokens, as agentgateway's catalog names them; null where the
 * catalog sets no price. {@code reasoning} falls back to {@code output}, {@code inputAudio} to
 * {@code input} and {@code outputAudio} to {@code output} when null.
 */
public record Rates(
    Double input,
    Double output,
    Double cacheRead,
    Double cacheWrite,
    Double reasoning,
    Double inputAudio,
    Double outputAudio) {

  public static final Rates NONE = new Rates(null, null, null, null, null, null, null);
}
