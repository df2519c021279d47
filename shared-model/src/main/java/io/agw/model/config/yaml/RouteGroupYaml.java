package io.agw.model.config.yaml;

import java.util.List;

/**
 * A named set of routes that routes delegate to with a {@code routeGroup} backend (agentgateway's
 * route delegation).
 */
@AgentgatewayDefinition("LocalRouteGroup")
public record RouteGroupYaml(String name, List<RouteYaml> routes) {}
