package io.agw.model.config.yaml;

/**
 * agentgateway's {@code promptCaching}: where the gateway adds cache points (defaults: system and
 * messages on, tools off, a 1024-token minimum for the system prompt, offset 0).
 */
@AgentgatewayDefinition("PromptCachingConfig")
public record PromptCachingYaml(
    Boolean cacheSystem,
    Boolean cacheMessages,
    Boolean cacheTools,
    Integer minTokens,
    Integer cacheMessageOffset) {}
