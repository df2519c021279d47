package io.agw.model.config.yaml;

/**
 * A backend of a route. Exactly one kind is expected: {@code host} ("host:port") or {@code backend}
 * (the name of a top-level backend). Other kinds are not declared, so they are reported as not
 * supported; adding a kind means a field here and a case in the backend mapper.
 */
@AgentgatewayDefinition("LocalRouteBackend")
public record RouteBackendYaml(
    String host, String backend, Integer weight, BackendPoliciesYaml policies) {}
