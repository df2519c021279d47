package io.agw.model.config.yaml;

/**
 * GitHub Copilot: {@code model} pins the model; {@code tokenUrl} (this gateway's extension) is
 * where the GitHub token is exchanged for a Copilot session token, by default GitHub's own.
 */
@AgentgatewayDefinition("CopilotProvider")
public record CopilotProviderYaml(String model, String tokenUrl) {}
