package io.agw.model.config.yaml;

/** Rates laid over a model's base rates when the prompt's context is over {@code contextOver}. */
@AgentgatewayDefinition("Tier")
public record CatalogTierYaml(Long contextOver, CatalogRatesYaml rates) {}
