package io.agw.model.config.yaml;

/** A header condition. */
@AgentgatewayDefinition("HeaderMatch")
public record HeaderMatchYaml(String name, StringMatchYaml value) {}
