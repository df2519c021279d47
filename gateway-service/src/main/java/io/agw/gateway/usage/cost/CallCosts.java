package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.CallPricer;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.CostSource;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.PricedCall;
import io.agw.gateway.exchange.TokenUsage;
import java.util.function.Supplier;

/**
 * Prices LLM calls from the current model catalog.
 *
 * <p>The model is looked up as the provider reported it, else as the gateway asked for it (as
 * agentgateway does). The tokens are the provider's usage when it reported one ({@link
 * CostSource#PROVIDER}); when a stream ends without it (cut by the client, the upstream or a
 * budget), the gateway's own count is priced instead ({@link CostSource#ESTIMATED}): the input the
 * provider reported, else the prompt's estimate, and the output tokens the gateway streamed. A call
 * with neither, or refused by the provider with an error status, has no cost.
 *
 * <p>Thread-safe; the catalog is read once per pricing.
 */
public final class CallCosts implements CallPricer {

  private final Supplier<? extends ModelPrices> prices;

  /**
   * @param prices the current catalog
   */
  public CallCosts(Supplier<? extends ModelPrices> prices) {
    this.prices = prices;
  }

  @Override
  public PricedCall price(LlmCall call) {
    TokenUsage usage = call.usage();
    boolean reportedInput = usage.inputTokens() != null;
    boolean reportedOutput = usage.outputTokens() != null;
    CostSource source = CostSource.PROVIDER;
    if (!reportedOutput && call.stream()) {
      long streamed = call.streamedOutputTokens();
      Long input = reportedInput ? usage.inputTokens() : estimate(call);
      if (streamed == 0 && (input == null || refused(call))) {
        return null;
      }
      source = CostSource.ESTIMATED;
      usage =
          new TokenUsage(
              input,
              streamed,
              null,
              usage.cachedInputTokens(),
              usage.cacheCreationInputTokens(),
              null,
              usage.serviceTier(),
              usage.providerModel());
    } else if (!reportedInput && !reportedOutput) {
      return null;
    }
    ModelPrices catalog = prices.get();
    String provider = call.provider();
    String model = call.responseModel();
    CacheConvention convention = CacheConvention.of(provider, model);
    long context = CostCalculator.contextTokens(usage, convention);
    CostRates rates = catalog.rates(provider, model, context);
    if (rates == null && !model.equals(call.requestModel())) {
      rates = catalog.rates(provider, call.requestModel(), context);
    }
    if (rates == null) {
      return null;
    }
    return new PricedCall(CostCalculator.price(usage, rates, convention, source), rates);
  }

  /** Whether the provider answered with an error status (no stream began: nothing is charged). */
  private static boolean refused(LlmCall call) {
    String error = call.error();
    return error != null && !error.isEmpty() && error.chars().allMatch(Character::isDigit);
  }

  private static Long estimate(LlmCall call) {
    return call.estimatedInputTokens().isPresent() ? call.estimatedInputTokens().getAsLong() : null;
  }
}
