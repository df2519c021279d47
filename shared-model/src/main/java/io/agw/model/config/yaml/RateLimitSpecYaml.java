package io.agw.model.config.yaml;

/**
 * One token bucket. {@code key} (a CEL expression giving one bucket per value, such as {@code
 * apiKey.key} or {@code jwt.sub}) is this gateway's extension.
 */
@AgentgatewayDefinition({"RateLimitSpec", "LocalConditionalPolicy_RateLimitSpec"})
public record RateLimitSpecYaml(
    String condition,
    Long maxTokens,
    Long tokensPerFill,
    DurationYaml fillInterval,
    String type,
    String key) {}
