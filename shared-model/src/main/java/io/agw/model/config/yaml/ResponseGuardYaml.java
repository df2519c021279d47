package io.agw.model.config.yaml;

import java.util.List;

/**
 * One response guard: its kind ({@code regex}, {@code webhook}, {@code azureContentSafety};
 * agentgateway's other kinds are refused as not supported yet), what the client gets when it
 * rejects, and (this gateway's extension; agentgateway has no {@code scope} on response guards) the
 * parts of the answer it reads: {@code messages} (the default, the answer's text) and {@code
 * toolInput} (the arguments of the tools the answer calls).
 */
@AgentgatewayDefinition("ResponseGuard")
public record ResponseGuardYaml(
    RegexRulesYaml regex,
    WebhookYaml webhook,
    AzureContentSafetyYaml azureContentSafety,
    GuardRejectionYaml rejection,
    List<String> scope) {}
