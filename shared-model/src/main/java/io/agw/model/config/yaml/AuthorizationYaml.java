package io.agw.model.config.yaml;

import java.util.List;

/** CEL authorization rules. */
@AgentgatewayDefinition({"Authorization", "RuleSet"})
public record AuthorizationYaml(List<RuleYaml> rules) {}
