package io.agw.model.config.yaml;

import java.util.List;
import java.util.Map;

/** Header changes: add a value, replace all values, remove by name. */
@AgentgatewayDefinition("HeaderModifier")
public record HeaderModifierYaml(
    Map<String, String> add, Map<String, String> set, List<String> remove) {}
