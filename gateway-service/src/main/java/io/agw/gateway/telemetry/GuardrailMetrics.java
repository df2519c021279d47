package io.agw.gateway.telemetry;

import io.agw.gateway.exchange.GuardDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code agw.guardrail.decisions} counter: one count per guard decision, tagged with the guard
 * ({@code regex}, {@code webhook}, ...), the phase ({@code request}, {@code response}) and the
 * action ({@code allow}, {@code mask}, {@code reject}, {@code failOpen}). Counters are looked up in
 * a map by their tags, as {@link RequestTimers} does, since every guarded request counts at least
 * one decision and building a meter id per count is the expensive part. The tag values come from
 * the configuration's guard kinds and a fixed vocabulary, so the map stays small. Thread-safe.
 */
final class GuardrailMetrics {

  static final String NAME = "agw.guardrail.decisions";

  private record Key(String guard, String phase, String action) {}

  private final MeterRegistry registry;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

  GuardrailMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(GuardDecision decision) {
    counters
        .computeIfAbsent(
            new Key(decision.guard(), decision.phase(), decision.action()), this::register)
        .increment();
  }

  private Counter register(Key key) {
    return Counter.builder(NAME)
        .description("Guardrail decisions on LLM and MCP traffic")
        .tag("guard", key.guard())
        .tag("phase", key.phase())
        .tag("action", key.action())
        .register(registry);
  }
}
