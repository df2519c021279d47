package io.agw.model.config.yaml;

/** Parameters of one model of the {@code llm} shorthand. */
@AgentgatewayDefinition("LocalLLMParams")
public record LlmParamsYaml(
    String model,
    SecretYaml apiKey,
    String baseUrl,
    String hostOverride,
    String pathOverride,
    String pathPrefix,
    String azureResourceName,
    String azureResourceType,
    String azureApiVersion,
    String azureProjectName,
    String vertexProject,
    String vertexRegion,
    String awsRegion,
    Boolean tokenize) {}
