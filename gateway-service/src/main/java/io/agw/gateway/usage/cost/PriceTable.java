package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.CostRates;
import io.agw.model.resource.v1.CatalogModel;
import io.agw.model.resource.v1.CatalogRates;
import io.agw.model.resource.v1.CatalogTier;
import io.agw.model.resource.v1.ModelCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A merged model catalog ready for lookups: per provider and model, the base rates and each tier's
 * rates already laid over them. A model is found by its exact id, else by the forms {@link
 * ModelNames} derives from it (dated snapshots, Bedrock region prefixes, Vertex {@code @} versions,
 * ...); what a name resolved to is remembered. Immutable apart from that memo; thread-safe.
 */
public final class PriceTable implements ModelPrices {

  /** No prices at all. */
  public static final PriceTable EMPTY = new PriceTable(Map.of());

  /** Names remembered per table at most; past that, lookups still work, uncached. */
  private static final int MAX_MEMO = 10_000;

  private static final PricedModel NOT_FOUND = new PricedModel(CostRates.NONE, new long[0], null);

  private final Map<String, Map<String, PricedModel>> providers;
  private final Map<String, PricedModel> resolved = new ConcurrentHashMap<>();

  private PriceTable(Map<String, Map<String, PricedModel>> providers) {
    this.providers = providers;
  }

  /** The table of a catalog whose rates were checked when it was loaded. */
  public static PriceTable of(ModelCatalog catalog) {
    Map<String, Map<String, PricedModel>> providers = new HashMap<>();
    catalog
        .getProvidersMap()
        .forEach(
            (provider, models) -> {
              Map<String, PricedModel> byId = new HashMap<>();
              models.getModelsMap().forEach((id, model) -> byId.put(id, priced(model)));
              providers.put(provider, Map.copyOf(byId));
            });
    return new PriceTable(Map.copyOf(providers));
  }

  /** How many models the table prices, over all providers. */
  public int size() {
    return providers.values().stream().mapToInt(Map::size).sum();
  }

  @Override
  public CostRates rates(String provider, String model, long contextTokens) {
    if (provider == null || model == null || model.isEmpty()) {
      return null;
    }
    Map<String, PricedModel> models = providers.get(provider);
    if (models == null) {
      return null;
    }
    PricedModel priced = models.get(model);
    if (priced == null) {
      String key = provider + '\n' + model;
      priced = resolved.get(key);
      if (priced == null) {
        priced = resolve(models, model);
        if (resolved.size() < MAX_MEMO) {
          resolved.put(key, priced);
        }
      }
    }
    return priced == NOT_FOUND ? null : priced.at(contextTokens);
  }

  private static PricedModel resolve(Map<String, PricedModel> models, String model) {
    for (String candidate : ModelNames.candidates(model)) {
      PricedModel found = models.get(candidate);
      if (found != null) {
        return found;
      }
    }
    return NOT_FOUND;
  }

  private static PricedModel priced(CatalogModel model) {
    List<CatalogTier> tiers = model.getTiersList();
    long[] over = new long[tiers.size()];
    CostRates[] rates = new CostRates[tiers.size()];
    for (int i = 0; i < tiers.size(); i++) {
      over[i] = tiers.get(i).getContextOver();
      rates[i] =
          rates(
              io.agw.model.config.mapping.ModelCatalogMapper.overlay(
                  model.getRates(), tiers.get(i).getRates()));
    }
    return new PricedModel(rates(model.getRates()), over, rates);
  }

  static CostRates rates(CatalogRates r) {
    return new CostRates(
        r.hasInput() ? Double.valueOf(r.getInput()) : null,
        r.hasOutput() ? Double.valueOf(r.getOutput()) : null,
        r.hasCacheRead() ? Double.valueOf(r.getCacheRead()) : null,
        r.hasCacheWrite() ? Double.valueOf(r.getCacheWrite()) : null,
        r.hasReasoning() ? Double.valueOf(r.getReasoning()) : null,
        r.hasInputAudio() ? Double.valueOf(r.getInputAudio()) : null,
        r.hasOutputAudio() ? Double.valueOf(r.getOutputAudio()) : null);
  }

  /**
   * A model's base rates and its tiers ({@code over} ascending, {@code tiers[i]} already laid over
   * the base). The highest tier whose threshold the context exceeds applies, as in agentgateway.
   */
  private record PricedModel(CostRates base, long[] over, CostRates[] tiers) {

    CostRates at(long contextTokens) {
      CostRates rates = base;
      for (int i = 0; i < over.length && contextTokens > over[i]; i++) {
        rates = tiers[i];
      }
      return CostRates.NONE.equals(rates) ? null : rates;
    }
  }
}
