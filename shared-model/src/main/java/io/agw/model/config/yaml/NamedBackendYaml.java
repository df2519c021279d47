package io.agw.model.config.yaml;

/**
 * A top-level backend that routes refer to by name: exactly one of the {@code host}, {@code ai} and
 * {@code mcp} kinds.
 */
@AgentgatewayDefinition("FullLocalBackend")
public record NamedBackendYaml(
    String name, String host, AiBackendYaml ai, McpBackendYaml mcp, BackendPoliciesYaml policies) {}
