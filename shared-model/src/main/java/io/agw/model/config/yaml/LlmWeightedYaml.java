package io.agw.model.config.yaml;

import java.util.List;

/** Targets chosen at random in proportion to their weights. */
@AgentgatewayDefinition("LocalLLMWeightedRouting")
public record LlmWeightedYaml(List<Target> targets) {

  /** A model of {@code llm.models} and its share of the traffic (default 1; 0 never). */
  @AgentgatewayDefinition("LocalLLMWeightedTarget")
  public record Target(String model, Integer weight) {}
}
