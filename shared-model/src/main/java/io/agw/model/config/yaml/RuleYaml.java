package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One rule: a bare string (an allow rule) or one of {@code allow}, {@code deny}, {@code require}.
 */
@AgentgatewayDefinition("RuleSerde")
public record RuleYaml(String allow, String deny, String require) {

  /** The mapping form. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static RuleYaml of(
      @JsonProperty("allow") String allow,
      @JsonProperty("deny") String deny,
      @JsonProperty("require") String require) {
    return new RuleYaml(allow, deny, require);
  }

  /** The bare-string form, an allow rule. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RuleYaml allow(String expression) {
    return new RuleYaml(expression, null, null);
  }
}
