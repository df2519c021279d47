package io.agw.gateway.usage.cost;

import io.agw.gateway.state.ResourceStore;
import io.agw.model.resource.v1.ModelCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model catalog in force and what prices calls with it. {@code agw.usage.builtin-catalog=false}
 * leaves out the built-in catalog, so only the configuration's {@code modelCatalog} prices calls.
 */
@Configuration(proxyBeanMethods = false)
public class CostConfiguration {

  @Bean
  ModelCatalogs modelCatalogs(@Value("${agw.usage.builtin-catalog:true}") boolean builtInCatalog) {
    return new ModelCatalogs(
        builtInCatalog ? ModelCatalogs.readBuiltIn() : ModelCatalog.getDefaultInstance());
  }

  /** Follows the configuration: the catalog is rebuilt with every state. */
  @Bean
  SmartInitializingSingleton modelCatalogsFollowState(ResourceStore store, ModelCatalogs catalogs) {
    return () -> {
      store.addListener(catalogs);
      catalogs.apply(store.current());
    };
  }

  @Bean
  CallCosts callCosts(ModelCatalogs catalogs) {
    return new CallCosts(() -> catalogs);
  }

  @Bean
  CostMetrics costMetrics(
      MeterRegistry meters, @Value("${agw.usage.cost-metric.keys:true}") boolean keys) {
    return new CostMetrics(meters, keys);
  }
}
