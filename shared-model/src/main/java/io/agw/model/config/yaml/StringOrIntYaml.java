package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/** A value written as a string or an integer (agentgateway's {@code StringOrInt}), kept as text. */
public record StringOrIntYaml(String text) {

  /** Accepts a string or an integer. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static StringOrIntYaml of(JsonNode node) {
    if (node.isString()) {
      return new StringOrIntYaml(node.stringValue());
    }
    if (node.isIntegralNumber()) {
      return new StringOrIntYaml(node.bigIntegerValue().toString());
    }
    throw new IllegalArgumentException("must be a string or an integer");
  }
}
