package io.agw.model.config.yaml;

import java.util.List;

/** Regex rules and what a match does: {@code mask} (the default) or {@code reject}. */
@AgentgatewayDefinition("RegexRules")
public record RegexRulesYaml(String action, List<RegexRuleYaml> rules) {}
