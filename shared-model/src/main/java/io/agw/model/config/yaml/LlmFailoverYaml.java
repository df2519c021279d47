package io.agw.model.config.yaml;

import java.util.List;

/** Targets grouped by priority (lower first), failing over to the next priority. */
@AgentgatewayDefinition("LocalLLMFailoverRouting")
public record LlmFailoverYaml(List<Target> targets) {

  /** A model of {@code llm.models} and its priority. */
  @AgentgatewayDefinition("LocalLLMFailoverTarget")
  public record Target(String model, Integer priority) {}
}
