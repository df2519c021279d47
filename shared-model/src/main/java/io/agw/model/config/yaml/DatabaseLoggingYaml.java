package io.agw.model.config.yaml;

/**
 * {@code frontendPolicies.accessLog.database}: what the usage store keeps of an LLM call, {@code
 * metadata} (usage, timing, cost; the default) or {@code full} (also the prompt and completion).
 */
@AgentgatewayDefinition("DatabaseLoggingConfig")
public record DatabaseLoggingYaml(String llm) {}
