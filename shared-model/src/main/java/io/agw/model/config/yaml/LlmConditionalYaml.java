package io.agw.model.config.yaml;

import java.util.List;

/** Targets tried in order: the first whose {@code when} holds (or has none) is chosen. */
@AgentgatewayDefinition("LocalLLMConditionalRouting")
public record LlmConditionalYaml(List<Target> targets) {

  /** A model of {@code llm.models} and the CEL condition that selects it. */
  @AgentgatewayDefinition("LocalLLMConditionalTarget")
  public record Target(String when, String model) {}
}
