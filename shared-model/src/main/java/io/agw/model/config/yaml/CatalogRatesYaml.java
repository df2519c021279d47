package io.agw.model.config.yaml;

/**
 * Prices in USD per million tokens, as agentgateway's {@code Money} (a decimal string; a YAML
 * number is read as its text).
 */
@AgentgatewayDefinition("Rates")
public record CatalogRatesYaml(
    String input,
    String output,
    String cacheRead,
    String cacheWrite,
    String reasoning,
    String inputAudio,
    String outputAudio) {}
