package io.agw.model.config.yaml;

/**
 * One response guard: its kind ({@code regex}, {@code bedrockGuardrails}, {@code googleModelArmor};
 * agentgateway's other kinds are refused as not supported yet) and what the client gets when it
 * rejects.
 */
@AgentgatewayDefinition("ResponseGuard")
public record ResponseGuardYaml(
    RegexRulesYaml regex,
    BedrockGuardrailsYaml bedrockGuardrails,
    GoogleModelArmorYaml googleModelArmor,
    GuardRejectionYaml rejection) {}
