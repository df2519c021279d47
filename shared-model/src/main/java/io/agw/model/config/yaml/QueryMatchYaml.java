package io.agw.model.config.yaml;

/** A query parameter condition. */
@AgentgatewayDefinition("QueryMatch")
public record QueryMatchYaml(String name, StringMatchYaml value) {}
