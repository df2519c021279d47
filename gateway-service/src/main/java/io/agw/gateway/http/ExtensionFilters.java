package io.agw.gateway.http;

import io.agw.model.resource.v1.ExtensionFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.cloud.gateway.event.FilterArgsEvent;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;

/**
 * Resolves {@code filters} entries to the application's {@link GatewayFilterFactory} beans by their
 * short name (the bean's name without "GatewayFilterFactory"), binding the arguments the same way
 * Spring Cloud Gateway binds a route definition's filters, so a platform team's own filter in a jar
 * on the classpath can be used from the YAML file.
 */
public final class ExtensionFilters {

  private final Map<String, GatewayFilterFactory<?>> factories;
  private final ConfigurationService configurationService;

  public ExtensionFilters(
      List<GatewayFilterFactory<?>> factories, ConfigurationService configurationService) {
    Map<String, GatewayFilterFactory<?>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    factories.forEach(f -> byName.put(f.name(), f));
    this.factories = byName;
    this.configurationService = configurationService;
  }

  /** The filter, or an {@link IllegalArgumentException} naming what is wrong. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public GatewayFilter create(String routeId, ExtensionFilter definition) {
    GatewayFilterFactory factory = factories.get(definition.getName());
    if (factory == null) {
      throw new IllegalArgumentException(
          "no GatewayFilterFactory named '"
              + definition.getName()
              + "' (known: "
              + factories.keySet()
              + ")");
    }
    Map<String, String> args = new HashMap<>(definition.getArgsMap());
    try {
      Object config =
          configurationService
              .with(factory)
              .name(definition.getName())
              .properties(args)
              .eventFunction((bound, props) -> new FilterArgsEvent(this, routeId, (Map) props))
              .bind();
      return factory.apply(routeId, config);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "filter '" + definition.getName() + "' rejected its arguments: " + e.getMessage(), e);
    }
  }
}
