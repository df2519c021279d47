package io.agw.model.config.yaml;

import java.util.List;

/**
 * One response guard: its kind ({@code regex}, {@code webhook}, {@code bedrockGuardrails}, {@code
 * googleModelArmor}, {@code azureContentSafety}), what the client gets when it rejects, and (this
 * gateway's extension; agentgateway has no {@code scope} on response guards) the parts of the
 * answer it reads: {@code messages} (the default, the answer's text) and {@code toolInput} (the
 * arguments of the tools the answer calls).
 */
@AgentgatewayDefinition("ResponseGuard")
public record ResponseGuardYaml(
    RegexRulesYaml regex,
    WebhookYaml webhook,
    BedrockGuardrailsYaml bedrockGuardrails,
    GoogleModelArmorYaml googleModelArmor,
    AzureContentSafetyYaml azureContentSafety,
    GuardRejectionYaml rejection,
    List<String> scope) {}
