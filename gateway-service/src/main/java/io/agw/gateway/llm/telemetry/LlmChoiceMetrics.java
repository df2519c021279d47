package io.agw.gateway.llm.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the provider choice of LLM routes: {@code agw.llm.failovers} (a try whose answer or
 * failure was discarded for another try; tags {@code provider} (the configured name), {@code
 * reason} (the upstream status, or {@code connect} for a connection failure or timeout) and {@code
 * next} ({@code retry} in the same group, {@code failover} to a later group)) and {@code
 * agw.llm.ejections} (a provider taken out of the choice; tag {@code provider}). Thread-safe.
 */
public final class LlmChoiceMetrics {

  public static final String FAILOVERS = "agw.llm.failovers";
  public static final String EJECTIONS = "agw.llm.ejections";

  private final MeterRegistry meters;

  public LlmChoiceMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  public void failover(String provider, String reason, boolean newGroup) {
    Counter.builder(FAILOVERS)
        .description("LLM tries discarded for another provider or another try")
        .tag("provider", provider)
        .tag("reason", reason)
        .tag("next", newGroup ? "failover" : "retry")
        .register(meters)
        .increment();
  }

  public void ejection(String provider) {
    Counter.builder(EJECTIONS)
        .description("LLM providers taken out of the choice after failures")
        .tag("provider", provider)
        .register(meters)
        .increment();
  }
}
