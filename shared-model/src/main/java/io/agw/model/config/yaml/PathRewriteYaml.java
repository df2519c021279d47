package io.agw.model.config.yaml;

/** A new path: the whole path, or the part matched by a prefix match; exactly one is expected. */
@AgentgatewayDefinition("PathRedirect")
public record PathRewriteYaml(String full, String prefix) {}
