package io.agw.model.config.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Policies that apply when a backend is called. Besides the policy kinds, it accepts {@code health}
 * (read by the providers of {@code ai} backends).
 */
@AgentgatewayDefinition({"LocalBackendPolicies", "SimpleLocalBackendPolicies"})
public record BackendPoliciesYaml(Map<String, Object> values) implements PoliciesYaml {

  public BackendPoliciesYaml {
    values = PoliciesYaml.copy(values);
  }

  @Override
  public PolicyBlock block() {
    return PolicyBlock.BACKEND;
  }

  /** A copy with {@code name} set to {@code value}, in the same place when it was written. */
  public BackendPoliciesYaml with(String name, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(values);
    changed.put(name, value);
    return new BackendPoliciesYaml(changed);
  }
}
