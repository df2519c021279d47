package io.agw.model.config.yaml;

import java.util.Map;

/** A model catalog: provider name to its models. */
@AgentgatewayDefinition("Catalog")
public record CatalogYaml(Map<String, CatalogProviderYaml> providers) {}
