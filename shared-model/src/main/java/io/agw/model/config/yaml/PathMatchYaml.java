package io.agw.model.config.yaml;

/** A path condition; exactly one field is expected. */
@AgentgatewayDefinition("PathMatch")
public record PathMatchYaml(String exact, String pathPrefix, String regex) {}
