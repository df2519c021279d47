package io.agw.model.config.yaml;

import java.util.Map;

/** A provider of a model catalog: model id to its prices. */
@AgentgatewayDefinition("Provider")
public record CatalogProviderYaml(Map<String, CatalogModelYaml> models) {}
