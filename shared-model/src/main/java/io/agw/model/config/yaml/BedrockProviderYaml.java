package io.agw.model.config.yaml;

/**
 * AWS Bedrock: {@code region} (required) addresses {@code bedrock-runtime.<region>.amazonaws.com}
 * and scopes the signature; {@code model} pins the model id; {@code guardrailIdentifier} and {@code
 * guardrailVersion} (both or neither) apply a Bedrock guardrail to every Converse call.
 */
@AgentgatewayDefinition("BedrockProvider")
public record BedrockProviderYaml(
    String model, String region, String guardrailIdentifier, String guardrailVersion) {}
