package io.agw.gateway.telemetry;

import io.agw.gateway.exchange.GuardDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code agw.guardrail.decisions} counter: one count per guard decision, tagged with the guard
 * ({@code regex}, {@code webhook}, ...), the phase ({@code request}, {@code response}) and the
 * action ({@code allow}, {@code mask}, {@code reject}, {@code failOpen}). Thread-safe.
 */
final class GuardrailMetrics {

  static final String NAME = "agw.guardrail.decisions";

  private final MeterRegistry registry;

  GuardrailMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(GuardDecision decision) {
    Counter.builder(NAME)
        .description("Guardrail decisions on LLM and MCP traffic")
        .tag("guard", decision.guard())
        .tag("phase", decision.phase())
        .tag("action", decision.action())
        .register(registry)
        .increment();
  }
}
