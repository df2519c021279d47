package io.agw.model.config.yaml;

/**
 * One LLM provider of an {@code ai} backend with its addressing overrides and policies; {@code
 * tokenize} estimates each prompt's tokens before the call (for token rate limits).
 */
@AgentgatewayDefinition("LocalNamedAIProvider")
public record AiNamedProviderYaml(
    String name,
    AiProviderYaml provider,
    String hostOverride,
    String pathOverride,
    String pathPrefix,
    BackendPoliciesYaml policies,
    Boolean tokenize) {}
