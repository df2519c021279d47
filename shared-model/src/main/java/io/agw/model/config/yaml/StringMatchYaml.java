package io.agw.model.config.yaml;

/** A header or query value condition; exactly one field is expected. */
@AgentgatewayDefinition({"HeaderValueMatch", "QueryValueMatch"})
public record StringMatchYaml(String exact, String regex) {}
