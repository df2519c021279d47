package io.agw.model.config.yaml;

/**
 * One response guard: its kind ({@code regex}, {@code azureContentSafety}; agentgateway's other
 * kinds are refused as not supported yet) and what the client gets when it rejects.
 */
@AgentgatewayDefinition("ResponseGuard")
public record ResponseGuardYaml(
    RegexRulesYaml regex,
    AzureContentSafetyYaml azureContentSafety,
    GuardRejectionYaml rejection) {}
