package io.agw.model.config.yaml;

/** {@code config.mcp}: MCP gateway settings ({@code sessionTtl}: idle MCP session expiry). */
@AgentgatewayDefinition("RawMcpConfig")
public record McpSettingsYaml(DurationYaml sessionTtl) {}
