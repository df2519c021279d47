package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Local rate limits: a list of buckets, or {@code {conditional: [...]}}. */
@AgentgatewayDefinition("LocalConditionalPolicies_RateLimitSpec")
public record RateLimitYaml(List<RateLimitSpecYaml> limits, boolean conditional) {

  /** The list form. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RateLimitYaml of(List<RateLimitSpecYaml> limits) {
    return new RateLimitYaml(limits, false);
  }

  /** The conditional form. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static RateLimitYaml conditional(
      @JsonProperty("conditional") List<RateLimitSpecYaml> conditional) {
    return new RateLimitYaml(conditional, true);
  }
}
