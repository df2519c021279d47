package io.agw.model.config.yaml;

/**
 * A backend of a route. Exactly one kind is expected: {@code host} ("host:port"), {@code backend}
 * (the name of a top-level backend), {@code ai} (LLM providers), {@code mcp} (MCP servers) or
 * {@code routeGroup} (the name of a top-level route group the request is delegated to). Other kinds
 * are not declared, so they are reported as not supported; adding a kind means a field here and a
 * case in the backend mapper.
 */
@AgentgatewayDefinition("LocalRouteBackend")
public record RouteBackendYaml(
    String host,
    String backend,
    AiBackendYaml ai,
    McpBackendYaml mcp,
    String routeGroup,
    Integer weight,
    BackendPoliciesYaml policies) {}
