package io.agw.model.config.yaml;

import java.util.Map;

/** Policies applied to all traffic of a listener. */
@AgentgatewayDefinition("LocalGatewayPolicy")
public record ListenerPoliciesYaml(Map<String, Object> values) implements PoliciesYaml {

  public ListenerPoliciesYaml {
    values = PoliciesYaml.copy(values);
  }

  @Override
  public PolicyBlock block() {
    return PolicyBlock.LISTENER;
  }
}
