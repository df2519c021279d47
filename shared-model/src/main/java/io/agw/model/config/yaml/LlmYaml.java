package io.agw.model.config.yaml;

import java.util.List;

/**
 * The {@code llm} shorthand: a port and the models it serves, mapped to the same bind, listener,
 * route and {@code ai} backend resources a full configuration would use; virtual models add
 * providers that serve their name with a target model's settings; {@code policies} holds the
 * guardrails every model shares.
 */
@AgentgatewayDefinition("LocalLLMConfig")
public record LlmYaml(
    Integer port,
    List<LlmModelYaml> models,
    List<LlmVirtualModelYaml> virtualModels,
    LlmPoliciesYaml policies) {}
