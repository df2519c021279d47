package io.agw.model.config.mapping;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.yaml.CatalogModelYaml;
import io.agw.model.config.yaml.CatalogProviderYaml;
import io.agw.model.config.yaml.CatalogRatesYaml;
import io.agw.model.config.yaml.CatalogTierYaml;
import io.agw.model.config.yaml.CatalogYaml;
import io.agw.model.config.yaml.LoadedCatalogYaml;
import io.agw.model.resource.v1.CatalogModel;
import io.agw.model.resource.v1.CatalogProvider;
import io.agw.model.resource.v1.CatalogRates;
import io.agw.model.resource.v1.CatalogTier;
import io.agw.model.resource.v1.ModelCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps {@code config.modelCatalog} (agentgateway's model cost catalog), its sources already read,
 * to one {@link ModelCatalog}: every catalog checked and merged in order, later sources winning per
 * model (rates field by field, tiers replaced when the later source has any, tags joined), as
 * agentgateway merges them. Money is a non-negative decimal with at most six fractional digits;
 * tiers' {@code contextOver} must increase strictly. Pure; stateless.
 */
public final class ModelCatalogMapper {

  private static final int MAX_MONEY_SCALE = 6;

  private ModelCatalogMapper() {}

  /** The merged catalog of {@code sources}; problems go to {@code errors}. */
  static ModelCatalog map(List<LoadedCatalogYaml> sources, ConfigErrors errors) {
    ModelCatalog merged = ModelCatalog.getDefaultInstance();
    for (LoadedCatalogYaml source : sources) {
      merged = merge(merged, catalog(source.path(), source.catalog(), errors));
    }
    return merged;
  }

  /** One catalog, checked; problems go to {@code errors} under {@code path}. */
  public static ModelCatalog catalog(String path, CatalogYaml yaml, ConfigErrors errors) {
    ModelCatalog.Builder catalog = ModelCatalog.newBuilder();
    for (Map.Entry<String, CatalogProviderYaml> provider : entries(yaml.providers())) {
      String pp = path + ".providers." + provider.getKey();
      CatalogProvider.Builder models = CatalogProvider.newBuilder();
      if (provider.getValue() != null) {
        for (Map.Entry<String, CatalogModelYaml> model : entries(provider.getValue().models())) {
          models.putModels(
              model.getKey(), model(pp + ".models." + model.getKey(), model.getValue(), errors));
        }
      }
      catalog.putProviders(provider.getKey(), models.build());
    }
    return catalog.build();
  }

  private static <V> Iterable<Map.Entry<String, V>> entries(Map<String, V> map) {
    return map == null ? List.of() : map.entrySet();
  }

  private static CatalogModel model(String path, CatalogModelYaml yaml, ConfigErrors errors) {
    CatalogModel.Builder model = CatalogModel.newBuilder();
    if (yaml == null) {
      return model.build();
    }
    if (yaml.rates() != null) {
      model.setRates(rates(path + ".rates", yaml.rates(), errors));
    }
    long previous = -1;
    List<CatalogTierYaml> tiers = yaml.tiers() == null ? List.of() : yaml.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      String tp = path + ".tiers[" + i + "]";
      CatalogTierYaml tier = tiers.get(i);
      if (tier == null || tier.contextOver() == null) {
        errors.add(tp + ".contextOver", "required field is missing");
        continue;
      }
      if (tier.contextOver() < 0) {
        errors.add(tp + ".contextOver", "must not be negative");
        continue;
      }
      if (tier.contextOver() <= previous) {
        errors.add(
            tp + ".contextOver",
            tier.contextOver() + " is not greater than the previous tier's " + previous);
      }
      previous = tier.contextOver();
      if (tier.rates() == null) {
        errors.add(tp + ".rates", "required field is missing");
        continue;
      }
      model.addTiers(
          CatalogTier.newBuilder()
              .setContextOver(tier.contextOver())
              .setRates(rates(tp + ".rates", tier.rates(), errors)));
    }
    if (yaml.tags() != null) {
      model.addAllTags(new LinkedHashSet<>(yaml.tags()));
    }
    return model.build();
  }

  private static CatalogRates rates(String path, CatalogRatesYaml yaml, ConfigErrors errors) {
    CatalogRates.Builder rates = CatalogRates.newBuilder();
    money(path + ".input", yaml.input(), errors, rates::setInput);
    money(path + ".output", yaml.output(), errors, rates::setOutput);
    money(path + ".cacheRead", yaml.cacheRead(), errors, rates::setCacheRead);
    money(path + ".cacheWrite", yaml.cacheWrite(), errors, rates::setCacheWrite);
    money(path + ".reasoning", yaml.reasoning(), errors, rates::setReasoning);
    money(path + ".inputAudio", yaml.inputAudio(), errors, rates::setInputAudio);
    money(path + ".outputAudio", yaml.outputAudio(), errors, rates::setOutputAudio);
    return rates.build();
  }

  private static void money(
      String path, String value, ConfigErrors errors, Consumer<String> setter) {
    if (value == null) {
      return;
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      errors.add(path, "'" + value + "' is not a decimal amount (USD per million tokens)");
      return;
    }
    if (amount.signum() < 0) {
      errors.add(path, "a rate must not be negative, not " + value);
      return;
    }
    if (amount.stripTrailingZeros().scale() > MAX_MONEY_SCALE) {
      errors.add(path, "a rate has at most " + MAX_MONEY_SCALE + " fractional digits: " + value);
      return;
    }
    setter.accept(amount.toPlainString());
  }

  /**
   * {@code overlay} merged over {@code base}, per model: each rate of the overlay replaces the
   * base's, the overlay's tiers replace the base's when it has any, tags are joined.
   */
  public static ModelCatalog merge(ModelCatalog base, ModelCatalog overlay) {
    ModelCatalog.Builder merged = base.toBuilder();
    overlay
        .getProvidersMap()
        .forEach(
            (name, provider) -> {
              CatalogProvider.Builder models =
                  merged
                      .getProvidersOrDefault(name, CatalogProvider.getDefaultInstance())
                      .toBuilder();
              provider
                  .getModelsMap()
                  .forEach(
                      (id, model) -> {
                        CatalogModel old = models.getModelsMap().get(id);
                        models.putModels(id, old == null ? model : merge(old, model));
                      });
              merged.putProviders(name, models.build());
            });
    return merged.build();
  }

  private static CatalogModel merge(CatalogModel base, CatalogModel overlay) {
    CatalogModel.Builder model = base.toBuilder();
    model.setRates(overlay(base.getRates(), overlay.getRates()));
    if (overlay.getTiersCount() > 0) {
      model.clearTiers().addAllTiers(overlay.getTiersList());
    }
    Set<String> tags = new LinkedHashSet<>(base.getTagsList());
    tags.addAll(overlay.getTagsList());
    model.clearTags().addAllTags(new ArrayList<>(tags));
    return model.build();
  }

  /** {@code top}'s rates over {@code base}'s, field by field. */
  public static CatalogRates overlay(CatalogRates base, CatalogRates top) {
    CatalogRates.Builder rates = base.toBuilder();
    pick(top.hasInput(), top::getInput, rates::setInput);
    pick(top.hasOutput(), top::getOutput, rates::setOutput);
    pick(top.hasCacheRead(), top::getCacheRead, rates::setCacheRead);
    pick(top.hasCacheWrite(), top::getCacheWrite, rates::setCacheWrite);
    pick(top.hasReasoning(), top::getReasoning, rates::setReasoning);
    pick(top.hasInputAudio(), top::getInputAudio, rates::setInputAudio);
    pick(top.hasOutputAudio(), top::getOutputAudio, rates::setOutputAudio);
    return rates.build();
  }

  private static void pick(
      boolean set, java.util.function.Supplier<String> value, Function<String, ?> setter) {
    if (set) {
      setter.apply(value.get());
    }
  }
}
