package io.agw.model.config.yaml;

/**
 * Azure OpenAI: the endpoint is built from {@code resourceName} and {@code resourceType} ({@code
 * openAI}, {@code foundry} or {@code aiServices}); {@code model} is the deployment.
 */
@AgentgatewayDefinition("AzureProvider")
public record AzureProviderYaml(
    String model,
    String resourceName,
    String resourceType,
    String apiVersion,
    String projectName) {}
