package io.agw.model.config.yaml;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One model of the {@code llm} shorthand: the name clients ask for (may end with {@code *}), the
 * provider kind ({@code openai}, {@code anthropic} or {@code azure}) and its parameters; {@code
 * guardrails} are agentgateway's {@code PromptGuard} for this model, after {@code
 * llm.policies.guardrails}. {@code visibility: internal} hides the model from clients (it serves
 * only as a conditional virtual model's target); {@code transformation} sets body fields from CEL
 * on {@code llmRequest}; {@code promptCaching} adds Bedrock cache points; {@code matches} adds
 * header conditions to the model name.
 */
@AgentgatewayDefinition("LocalLLMModels")
public record LlmModelYaml(
    String name,
    String provider,
    LlmParamsYaml params,
    Map<String, JsonNode> defaults,
    Map<String, JsonNode> overrides,
    HealthYaml health,
    PromptGuardYaml guardrails,
    String visibility,
    Map<String, String> transformation,
    PromptCachingYaml promptCaching,
    java.util.List<LlmRouteMatchYaml> matches) {}
