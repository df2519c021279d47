package io.agw.gateway.exchange;

/** Where the token counts behind a cost came from. */
public enum CostSource {
  /** The usage the provider reported in its answer. */
  PROVIDER,
  /**
   * The gateway's own count (the prompt's estimate and the output it streamed), where the answer
   * ended without a usage report: a stream cut by the client, by a budget or by the upstream.
   */
  ESTIMATED
}
