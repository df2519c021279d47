package io.agw.gateway.usage.budget;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.TokenUsage;

/**
 * A call's size in a budget's unit: tokens, or micro-USD from the catalog's rates (USD per million
 * tokens, so that {@code tokens x rate} is micro-USD). Rounded up, so that a reservation is never
 * smaller than what it covers. Immutable.
 *
 * @param rates the model's rates, or null when the catalog does not price it
 */
record CallPricing(CostRates rates) {

  boolean priced() {
    return rates != null && rates.input() != null && rates.output() != null;
  }

  /** The worst case of a call before it is sent: its prompt and the most output it may produce. */
  long worstCase(BudgetUnit unit, long promptTokens, long maxOutputTokens) {
    if (unit == BudgetUnit.TOKENS) {
      return promptTokens + maxOutputTokens;
    }
    return micro(promptTokens * rates.input() + maxOutputTokens * outputRate());
  }

  /**
   * What a call cost: the priced cost when known, else its reported usage, else its prompt and the
   * output streamed so far.
   */
  long actual(BudgetUnit unit, Cost cost, TokenUsage usage, long promptTokens, long streamed) {
    boolean reported = usage.inputTokens() != null || usage.outputTokens() != null;
    long input = reported ? nz(usage.inputTokens()) : promptTokens;
    long output = reported ? nz(usage.outputTokens()) : streamed;
    if (unit == BudgetUnit.TOKENS) {
      if (reported && usage.totalTokens() != null) {
        return usage.totalTokens();
      }
      return input + output + nz(usage.cacheCreationInputTokens());
    }
    if (cost != null) {
      return micro(cost.total() * 1e6);
    }
    if (!priced()) {
      return 0;
    }
    // The catalog's full pricing is part A's; this fallback prices cache tokens as input.
    double micro = input * rates.input() + output * outputRate();
    micro += nz(usage.cacheCreationInputTokens()) * or(rates.cacheWrite(), rates.input());
    return micro(micro);
  }

  private double outputRate() {
    return Math.max(rates.output(), or(rates.reasoning(), rates.output()));
  }

  private static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }

  private static long micro(double value) {
    return (long) Math.ceil(value - 1e-9);
  }
}
