package io.agw.model.config.yaml;

/**
 * A guard that asks an AWS Bedrock guardrail ({@code guardrailIdentifier} at {@code
 * guardrailVersion}, in {@code region}) through the ApplyGuardrail API. {@code policies} takes
 * {@code backendAuth} ({@code aws}; none signs with the AWS SDK's default credential chain) and
 * {@code backendTLS}.
 */
@AgentgatewayDefinition("BedrockGuardrails")
public record BedrockGuardrailsYaml(
    String guardrailIdentifier,
    String guardrailVersion,
    String region,
    BackendPoliciesYaml policies) {}
