package io.agw.model.config.yaml;

import java.util.List;

/** One set of conditions that selects a route; all present conditions must hold. */
@AgentgatewayDefinition("RouteMatch")
public record MatchYaml(
    PathMatchYaml path, String method, List<HeaderMatchYaml> headers, List<QueryMatchYaml> query) {}
