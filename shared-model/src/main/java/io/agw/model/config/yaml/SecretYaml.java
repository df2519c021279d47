package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A secret: a string ({@code $NAME} names an environment variable) or {@code {file: path}}. The
 * loader keeps references as references; the gateway reads them when it applies the config.
 */
@AgentgatewayDefinition("FileOrInline")
public record SecretYaml(String text, String file) {

  /** The file form. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static SecretYaml ofFile(@JsonProperty("file") String file) {
    return new SecretYaml(null, file);
  }

  /** The string form. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SecretYaml ofText(String text) {
    return new SecretYaml(text, null);
  }
}
