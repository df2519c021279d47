package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A duration as written: a string such as {@code 1m30s}, or a bare number meaning seconds (kept as
 * its decimal text). Parsed by the mapper so that a bad value is reported with its path.
 */
public record DurationYaml(String text) {

  /** Accepts a string or a number. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DurationYaml of(JsonNode node) {
    if (node.isString()) {
      return new DurationYaml(node.stringValue());
    }
    if (node.isNumber()) {
      return new DurationYaml(node.decimalValue().toPlainString());
    }
    throw new IllegalArgumentException(
        "a duration must be a string such as 10s, 500ms or 1m30s, or a number of seconds");
  }
}
