package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A number such as {@code 0.5}. Also read from YAML text that is a number to agentgateway's reader
 * but a string to this one's: {@code .5} (YAML 1.1 float syntax, used in agentgateway's examples).
 */
public record FractionYaml(double value) {

  /** Accepts a number, or text that parses as one. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FractionYaml of(JsonNode node) {
    if (node.isNumber()) {
      return new FractionYaml(node.asDouble());
    }
    if (node.isString()) {
      try {
        return new FractionYaml(Double.parseDouble(node.stringValue().trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + node.stringValue() + "' is not a number");
      }
    }
    throw new IllegalArgumentException("expected a number");
  }
}
