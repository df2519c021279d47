package io.agw.model.config.yaml;

import java.util.List;

/**
 * One request guard: its kind ({@code regex}, {@code webhook}, {@code openAIModeration}, {@code
 * bedrockGuardrails}, {@code googleModelArmor}, {@code azureContentSafety}), the parts of the
 * request it reads ({@code scope}: {@code systemPrompt}, {@code messages}, {@code toolInput},
 * {@code toolOutput}; default the first two) and what the client gets when it rejects.
 */
@AgentgatewayDefinition("RequestGuard")
public record RequestGuardYaml(
    RegexRulesYaml regex,
    WebhookYaml webhook,
    ModerationYaml openAIModeration,
    BedrockGuardrailsYaml bedrockGuardrails,
    GoogleModelArmorYaml googleModelArmor,
    AzureContentSafetyYaml azureContentSafety,
    List<String> scope,
    GuardRejectionYaml rejection) {}
