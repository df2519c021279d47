package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A Spring Cloud Gateway filter (this gateway's extension): either the shortcut string {@code
 * "Name=arg1,arg2"} (kept in {@code shortcut}) or the mapping {@code {name, args}}.
 */
public record FilterYaml(String shortcut, String name, Map<String, String> args) {

  /** The mapping form. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static FilterYaml of(
      @JsonProperty("name") String name, @JsonProperty("args") Map<String, String> args) {
    return new FilterYaml(null, name, args);
  }

  /** The shortcut form, split by the mapper. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FilterYaml shortcut(String shortcut) {
    return new FilterYaml(shortcut, null, null);
  }
}
