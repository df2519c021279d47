package io.agw.model.config.yaml;

import java.util.List;

/** A listener on a bind; {@code protocol} is kept as text so that the mapper can explain it. */
@AgentgatewayDefinition("LocalListener")
public record ListenerYaml(
    String name,
    String namespace,
    String hostname,
    String protocol,
    ListenerTlsYaml tls,
    List<RouteYaml> routes,
    ListenerPoliciesYaml policies) {}
