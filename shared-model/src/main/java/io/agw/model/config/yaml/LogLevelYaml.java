package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code config.logging.level} as written: one level ({@code info}), a comma-separated string of
 * per-target levels ({@code info,agw.access=warn}) or a list of them; kept as the comma-joined text
 * and parsed by the mapper so that a bad entry is reported with its path.
 */
@AgentgatewayDefinition("RawLoggingLevel")
public record LogLevelYaml(String text) {

  /** Accepts a string or a list of strings. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static LogLevelYaml of(JsonNode node) {
    if (node.isString()) {
      return new LogLevelYaml(node.stringValue());
    }
    if (node.isArray()) {
      List<String> entries = new ArrayList<>();
      for (JsonNode entry : node) {
        if (!entry.isString()) {
          throw new IllegalArgumentException("each level must be a string such as info or a=debug");
        }
        entries.add(entry.stringValue());
      }
      return new LogLevelYaml(String.join(",", entries));
    }
    throw new IllegalArgumentException(
        "a level is a string such as info or info,agw.access=warn, or a list of such strings");
  }
}
