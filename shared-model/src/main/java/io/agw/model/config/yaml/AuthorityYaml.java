package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A new authority: {@code {full}}, {@code {host}} or {@code {port}} as a mapping, or the words
 * {@code auto} / {@code none} as a plain string (kept in {@code keyword}).
 */
@AgentgatewayDefinition("HostRedirect")
public record AuthorityYaml(String full, String host, Integer port, String keyword) {

  /** The mapping form. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static AuthorityYaml of(
      @JsonProperty("full") String full,
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port) {
    return new AuthorityYaml(full, host, port, null);
  }

  /** The string form ({@code auto} or {@code none}; other words are refused by the mapper). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AuthorityYaml keyword(String keyword) {
    return new AuthorityYaml(null, null, null, keyword);
  }
}
