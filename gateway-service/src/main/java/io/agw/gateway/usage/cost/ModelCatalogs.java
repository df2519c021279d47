package io.agw.gateway.usage.cost;

import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.state.GatewayState;
import io.agw.gateway.state.StateListener;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.config.mapping.ModelCatalogMapper;
import io.agw.model.resource.v1.ModelCatalog;
import io.agw.model.resource.v1.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model catalog in force: the built-in catalog (shipped with the gateway, {@value #BUILT_IN})
 * with the configuration's {@code modelCatalog} merged over it, rebuilt with every state (so it
 * reloads with the configuration). A state whose catalog cannot be read is refused. Reads are
 * lock-free; states are applied one at a time by the store.
 */
public final class ModelCatalogs implements ModelPrices, StateListener {

  private static final Logger log = LoggerFactory.getLogger(ModelCatalogs.class);

  /** The classpath resource of the built-in catalog. */
  public static final String BUILT_IN = "usage/model-catalog.yaml";

  private final ModelCatalog builtIn;
  private volatile PriceTable current;
  private volatile PriceTable prepared;

  /**
   * @param builtIn the catalog every configuration is merged over (empty to price only what the
   *     configuration lists)
   */
  public ModelCatalogs(ModelCatalog builtIn) {
    this.builtIn = builtIn;
    this.current = PriceTable.of(builtIn);
  }

  /** The catalog shipped in the gateway's jar. */
  public static ModelCatalog readBuiltIn() {
    try (InputStream in = ModelCatalogs.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILT_IN);
      }
      return ConfigLoader.loadModelCatalog(
          BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (ConfigException e) {
      throw new IllegalStateException("invalid built-in model catalog: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The price table in force. */
  public PriceTable table() {
    return current;
  }

  @Override
  public CostRates rates(String provider, String model, long contextTokens) {
    return current.rates(provider, model, contextTokens);
  }

  /** Builds the next table; rates that are not numbers (a bad xDS resource) refuse the state. */
  @Override
  public void prepare(GatewayState current, GatewayState next) {
    prepared = tableOf(next);
  }

  @Override
  public void rollback(GatewayState current, GatewayState next) {
    prepared = null;
  }

  @Override
  public void committed(GatewayState previous, GatewayState next) {
    PriceTable table = prepared != null ? prepared : tableOf(next);
    prepared = null;
    if (table.size() != this.current.size() || previous == null) {
      log.info("model catalog: {} models priced", table.size());
    }
    this.current = table;
  }

  /** Applies a state that was current before this catalog listened to the store. */
  public void apply(GatewayState state) {
    if (state != null) {
      current = tableOf(state);
    }
  }

  private PriceTable tableOf(GatewayState state) {
    Resource resource = state.resources().get(ConfigMapper.MODEL_CATALOG_KEY);
    if (resource == null || !resource.hasModelCatalog()) {
      return PriceTable.of(builtIn);
    }
    try {
      return PriceTable.of(ModelCatalogMapper.merge(builtIn, resource.getModelCatalog()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("modelCatalog: a rate is not a number: " + e.getMessage());
    }
  }
}
