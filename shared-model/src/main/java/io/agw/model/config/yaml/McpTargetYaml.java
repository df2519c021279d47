package io.agw.model.config.yaml;

/** One upstream of an {@code mcp} backend: a name and exactly one transport. */
@AgentgatewayDefinition("LocalMcpTarget")
public record McpTargetYaml(
    String name, McpStdioYaml stdio, McpHostYaml mcp, McpHostYaml sse, McpOpenApiYaml openapi) {}
