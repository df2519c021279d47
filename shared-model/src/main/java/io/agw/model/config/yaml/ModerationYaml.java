package io.agw.model.config.yaml;

/**
 * An {@code openAIModeration} request guard: the moderation {@code model} (default {@code
 * omni-moderation-latest}) and the {@code policies} used to call OpenAI ({@code backendAuth} for
 * the key, {@code backendTLS}).
 */
@AgentgatewayDefinition("Moderation")
public record ModerationYaml(String model, BackendPoliciesYaml policies) {}
