package io.agw.model.config.yaml;

import java.util.List;

/**
 * One request guard: its kind ({@code regex}, {@code bedrockGuardrails}, {@code googleModelArmor};
 * agentgateway's other kinds are refused as not supported yet), the parts of the request it reads
 * ({@code scope}: {@code systemPrompt}, {@code messages}, {@code toolInput}, {@code toolOutput};
 * default the first two) and what the client gets when it rejects.
 */
@AgentgatewayDefinition("RequestGuard")
public record RequestGuardYaml(
    RegexRulesYaml regex,
    BedrockGuardrailsYaml bedrockGuardrails,
    GoogleModelArmorYaml googleModelArmor,
    List<String> scope,
    GuardRejectionYaml rejection) {}
