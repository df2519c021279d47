package io.agw.model.config.yaml;

import java.util.List;

/**
 * An {@code mcp} backend: the MCP servers ({@code targets}) the gateway federates into one virtual
 * MCP server, and how it does so.
 */
@AgentgatewayDefinition("LocalMcpBackend")
public record McpBackendYaml(
    List<McpTargetYaml> targets,
    String statefulMode,
    String prefixMode,
    String failureMode,
    Boolean dnsRebindingProtection) {}
