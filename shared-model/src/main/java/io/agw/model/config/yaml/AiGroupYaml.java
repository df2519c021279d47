package io.agw.model.config.yaml;

import java.util.List;

/** One priority group of an {@code ai} backend's providers. */
@AgentgatewayDefinition("LocalAIProviders")
public record AiGroupYaml(List<AiNamedProviderYaml> providers) {}
