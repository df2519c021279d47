package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A sampling setting as written (agentgateway's {@code StringBoolFloat}): {@code true}, {@code
 * false}, a number from 0 to 1, or a string holding one of those or a CEL expression; kept as text
 * and checked by the mapper.
 */
@AgentgatewayDefinition("StringBoolFloat")
public record SamplingYaml(String text) {

  /** Accepts a boolean, a number or a string. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SamplingYaml of(JsonNode node) {
    if (node.isBoolean()) {
      return new SamplingYaml(Boolean.toString(node.booleanValue()));
    }
    if (node.isNumber()) {
      return new SamplingYaml(node.decimalValue().toPlainString());
    }
    if (node.isString()) {
      return new SamplingYaml(node.stringValue());
    }
    throw new IllegalArgumentException(
        "sampling is true, false, a number from 0.0 to 1.0, or a CEL expression");
  }
}
