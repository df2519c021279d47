package io.agw.model.config.yaml;

import java.util.Map;

/**
 * Policies of a route (and of the {@code mcp} shorthand). {@code filters} is this gateway's
 * extension (Spring Cloud Gateway filters); it is not part of agentgateway's format.
 */
@AgentgatewayDefinition("FilterOrPolicy")
public record RoutePoliciesYaml(Map<String, Object> values) implements PoliciesYaml {

  public RoutePoliciesYaml {
    values = PoliciesYaml.copy(values);
  }

  @Override
  public PolicyBlock block() {
    return PolicyBlock.ROUTE;
  }
}
