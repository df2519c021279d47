package io.agw.model.config.yaml;

import java.util.List;

/** A model of a catalog: its base rates, context-length tiers and free-form tags. */
@AgentgatewayDefinition("Model")
public record CatalogModelYaml(
    CatalogRatesYaml rates, List<CatalogTierYaml> tiers, List<String> tags) {}
