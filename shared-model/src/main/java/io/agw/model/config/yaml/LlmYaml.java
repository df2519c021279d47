package io.agw.model.config.yaml;

import java.util.List;

/**
 * The {@code llm} shorthand: a port and the models it serves, mapped to the same bind, listener,
 * route and {@code ai} backend resources a full configuration would use; virtual models add
 * providers that serve their name with a target model's settings; {@code policies} holds the
 * guardrails every model shares. {@code gateways}, when set, attaches the models' route to the
 * listeners of named gateways instead of a port of its own; after reading, it holds the listener
 * keys the references resolved to ({@code listener/<port>/<listener>}).
 */
@AgentgatewayDefinition("LocalLLMConfig")
public record LlmYaml(
    List<String> gateways,
    Integer port,
    List<LlmModelYaml> models,
    List<LlmVirtualModelYaml> virtualModels,
    LlmPoliciesYaml policies) {}
