package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.usage.Attribution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what LLM calls cost: {@value #COST} (USD, Prometheus {@code agw_llm_cost_usd_total})
 * tagged {@code gen_ai.provider.name}, {@code gen_ai.response.model}, {@code key} (the API key's
 * id) , {@code team} and {@code source} ({@code provider} or {@code estimated}); and {@value
 * #UNPRICED}, the calls whose model the catalog does not price, by provider and model. An absent
 * key or team is the empty string. Cardinality is bounded by the models the providers serve times
 * the API keys (file and virtual keys) and teams; {@code agw.usage.cost-metric.keys=false} drops
 * the key tag for gateways with very many keys. Thread-safe.
 */
public final class CostMetrics {

  public static final String COST = "agw.llm.cost";
  public static final String UNPRICED = "agw.llm.cost.unpriced";

  private final MeterRegistry meters;
  private final boolean keys;

  /**
   * @param keys whether the cost counter is tagged with the API key's id
   */
  public CostMetrics(MeterRegistry meters, boolean keys) {
    this.meters = meters;
    this.keys = keys;
  }

  /** Records the cost of a finished call charged to {@code who}. */
  public void record(LlmCall call, Attribution who) {
    if (call.requestModel().isEmpty() && call.usage().inputTokens() == null) {
      return;
    }
    Cost cost = call.cost();
    String model = call.responseModel();
    if (cost == null) {
      if (call.usage().inputTokens() != null || call.usage().outputTokens() != null) {
        Counter.builder(UNPRICED)
            .description("LLM calls whose model the model catalog does not price")
            .tag("gen_ai.provider.name", call.provider())
            .tag("gen_ai.response.model", model)
            .register(meters)
            .increment();
      }
      return;
    }
    Counter.builder(COST)
        .description("Cost of LLM calls priced from the model catalog")
        .baseUnit("usd")
        .tag("gen_ai.provider.name", call.provider())
        .tag("gen_ai.response.model", model)
        .tag("key", keys && who.key() != null ? who.key() : "")
        .tag("team", who.team() == null ? "" : who.team())
        .tag("source", cost.source().name().toLowerCase(java.util.Locale.ROOT))
        .register(meters)
        .increment(cost.total());
  }
}
