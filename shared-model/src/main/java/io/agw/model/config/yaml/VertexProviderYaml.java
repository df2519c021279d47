package io.agw.model.config.yaml;

/**
 * Vertex AI: {@code projectId} (required) and {@code region} ({@code global} when unset) address
 * the endpoint; {@code model} replaces the client's model when set.
 */
@AgentgatewayDefinition("VertexProvider")
public record VertexProviderYaml(String model, String region, String projectId) {}
