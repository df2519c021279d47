package io.agw.gateway.usage.budget;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budget meters: {@code agw.budget.refused{scope}} (calls refused by a hard budget), {@code
 * agw.budget.exceeded{mode=soft}} (calls over a soft budget, the alert), {@code
 * agw.budget.failopen} (calls let through while budgets could not be checked), and the gauges
 * {@code agw.budget.spent} and {@code agw.budget.remaining} by budget id, scope and unit for at
 * most {@link #MAX_GAUGED} budgets (bounded cardinality). Thread-safe.
 */
public final class BudgetMetrics {

  /** Budgets beyond this many get no gauges, so a large catalog cannot flood the registry. */
  public static final int MAX_GAUGED = 100;

  /** One budget's current window as the gauges show it. */
  public record Level(Budget budget, long spent, long remaining) {}

  private final MeterRegistry registry;
  private final Map<BudgetScope, Counter> refused = new ConcurrentHashMap<>();
  private final Counter softExceeded;
  private final Counter failOpen;
  private final MultiGauge spent;
  private final MultiGauge remaining;

  public BudgetMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.softExceeded =
        Counter.builder("agw.budget.exceeded")
            .description("LLM calls over a soft budget")
            .tag("mode", "soft")
            .register(registry);
    this.failOpen =
        Counter.builder("agw.budget.failopen")
            .description("LLM calls let through while their budgets could not be checked")
            .register(registry);
    this.spent =
        MultiGauge.builder("agw.budget.spent")
            .description("spend settled in the budget's current window (micro-USD or tokens)")
            .register(registry);
    this.remaining =
        MultiGauge.builder("agw.budget.remaining")
            .description("what the budget's current window has left (micro-USD or tokens)")
            .register(registry);
  }

  void refused(Budget budget) {
    refused
        .computeIfAbsent(
            budget.scope(),
            s ->
                Counter.builder("agw.budget.refused")
                    .description("LLM calls refused by a hard budget")
                    .tag("scope", s.wireName())
                    .register(registry))
        .increment();
  }

  void softExceeded(Budget budget) {
    softExceeded.increment();
  }

  void failedOpen() {
    failOpen.increment();
  }

  /** Replaces the gauges with {@code levels} (the first {@link #MAX_GAUGED}). */
  void levels(List<Level> levels) {
    List<MultiGauge.Row<?>> spentRows = new ArrayList<>();
    List<MultiGauge.Row<?>> remainingRows = new ArrayList<>();
    for (Level l : levels.subList(0, Math.min(MAX_GAUGED, levels.size()))) {
      Tags tags =
          Tags.of(
              "budget", l.budget().id(),
              "scope", l.budget().scope().wireName(),
              "unit", l.budget().unit().wireName());
      spentRows.add(MultiGauge.Row.of(tags, l.spent()));
      remainingRows.add(MultiGauge.Row.of(tags, l.remaining()));
    }
    spent.register(spentRows, true);
    remaining.register(remainingRows, true);
  }
}
