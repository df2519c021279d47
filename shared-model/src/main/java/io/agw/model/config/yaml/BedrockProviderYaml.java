package io.agw.model.config.yaml;

/**
 * AWS Bedrock: {@code region} (required) addresses {@code bedrock-runtime.<region>.amazonaws.com}
 * and scopes the signature; {@code model} pins the model id. Guardrails are not supported yet.
 */
@AgentgatewayDefinition("BedrockProvider")
public record BedrockProviderYaml(String model, String region) {}
