package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.CostSource;
import io.agw.gateway.exchange.TokenUsage;

/**
 * Prices token usage at catalog rates, counting every token once, as agentgateway does.
 *
 * <p>The usage is first split into disjoint buckets. Providers report input differently ({@link
 * CacheConvention}): OpenAI-style {@code prompt_tokens} include cached tokens, Anthropic- and
 * Bedrock-style input excludes cache reads and writes; so cached reads are taken out of input (or
 * not) accordingly. Cache reads are priced at {@code cacheRead}, cache writes at {@code
 * cacheWrite}; when the rate is missing they are priced as plain input. Reasoning tokens are part
 * of the reported output: they are taken out of it and priced at {@code reasoning}, else at {@code
 * output}. The context-length tier is chosen by the prompt's whole size (input with cache reads and
 * writes), so it does not depend on how cache tokens are priced.
 *
 * <p>Pure and stateless.
 */
public final class CostCalculator {

  private static final double PER_MILLION = 1_000_000d;

  private CostCalculator() {}

  /** The prompt's whole size in tokens: input plus what was read from or written to a cache. */
  public static long contextTokens(TokenUsage usage, CacheConvention convention) {
    long input = orZero(usage.inputTokens());
    if (convention == CacheConvention.INPUT_INCLUDES_CACHE) {
      return input;
    }
    return input + orZero(usage.cachedInputTokens()) + orZero(usage.cacheCreationInputTokens());
  }

  /** The cost of {@code usage} at {@code rates}, tagged with {@code source}. */
  public static Cost price(
      TokenUsage usage, CostRates rates, CacheConvention convention, CostSource source) {
    long cacheRead = orZero(usage.cachedInputTokens());
    long cacheWrite = orZero(usage.cacheCreationInputTokens());
    long input = orZero(usage.inputTokens());
    boolean pricesRead = rates.cacheRead() != null;
    boolean pricesWrite = rates.cacheWrite() != null;
    if (convention == CacheConvention.INPUT_INCLUDES_CACHE) {
      // Cached tokens are inside the input count: take out only those priced apart.
      input -= pricesRead ? cacheRead : 0;
      input -= pricesWrite ? cacheWrite : 0;
    } else {
      // Cached tokens are outside the input count: fold in those without their own rate.
      input += pricesRead ? 0 : cacheRead;
      input += pricesWrite ? 0 : cacheWrite;
    }
    input = Math.max(0, input);
    cacheRead = pricesRead ? cacheRead : 0;
    cacheWrite = pricesWrite ? cacheWrite : 0;
    long reasoning = orZero(usage.reasoningTokens());
    long output = Math.max(0, orZero(usage.outputTokens()) - reasoning);
    Double reasoningRate = rates.reasoning() != null ? rates.reasoning() : rates.output();

    double inputCost = line(input, rates.input());
    double outputCost = line(output, rates.output());
    double readCost = line(cacheRead, rates.cacheRead());
    double writeCost = line(cacheWrite, rates.cacheWrite());
    double reasoningCost = line(reasoning, reasoningRate);
    double total = inputCost + outputCost + readCost + writeCost + reasoningCost;
    return new Cost(total, inputCost, outputCost, readCost, writeCost, reasoningCost, 0, 0, source);
  }

  private static double line(long tokens, Double rate) {
    return rate == null || tokens == 0 ? 0 : tokens * rate / PER_MILLION;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
