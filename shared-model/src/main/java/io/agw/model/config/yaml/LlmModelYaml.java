package io.agw.model.config.yaml;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One model of the {@code llm} shorthand: the name clients ask for (may end with {@code *}), the
 * provider kind ({@code openai}, {@code anthropic} or {@code azure}) and its parameters.
 */
@AgentgatewayDefinition("LocalLLMModels")
public record LlmModelYaml(
    String name,
    String provider,
    LlmParamsYaml params,
    Map<String, JsonNode> defaults,
    Map<String, JsonNode> overrides,
    HealthYaml health) {}
