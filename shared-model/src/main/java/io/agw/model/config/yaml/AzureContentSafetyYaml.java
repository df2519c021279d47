package io.agw.model.config.yaml;

/**
 * An {@code azureContentSafety} guard: the resource's {@code endpoint}, the {@code policies} used
 * to call it ({@code backendAuth} for the key, {@code backendTLS}), and the checks to run: {@code
 * analyzeText} (harm categories and blocklists) and {@code detectJailbreak} (requests only).
 */
@AgentgatewayDefinition("AzureContentSafety")
public record AzureContentSafetyYaml(
    String endpoint,
    BackendPoliciesYaml policies,
    AnalyzeTextYaml analyzeText,
    DetectJailbreakYaml detectJailbreak) {}
