package io.agw.model.config.yaml;

import java.util.List;

/** An HTTP route on a listener. */
@AgentgatewayDefinition("LocalRoute")
public record RouteYaml(
    String name,
    String namespace,
    String ruleName,
    List<String> hostnames,
    List<MatchYaml> matches,
    RoutePoliciesYaml policies,
    List<RouteBackendYaml> backends) {}
