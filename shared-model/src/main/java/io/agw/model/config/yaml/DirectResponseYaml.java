package io.agw.model.config.yaml;

/** A response answered by the gateway without calling a backend. */
@AgentgatewayDefinition({"DirectResponse", "LocalConditionalPolicies_DirectResponse"})
public record DirectResponseYaml(Integer status, BodyYaml body) {}
