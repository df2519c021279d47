package io.agw.model.config.yaml;

/**
 * The {@code llm} shorthand's {@code policies}: {@code guardrails} run for every model, before the
 * model's own (agentgateway's {@code LocalLLMPolicy}; its other fields are not supported yet).
 */
@AgentgatewayDefinition("LocalLLMPolicy")
public record LlmPoliciesYaml(PromptGuardYaml guardrails) {}
