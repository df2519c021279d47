package io.agw.model.config.mapping;

import io.agw.model.config.yaml.RoutePoliciesYaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the fields of a policies block that is not a route's ({@code llm.policies}, {@code
 * ui.policies}) into a route's {@code policies}, so that each is mapped as a route's and means what
 * it means there. Fields that are not written (null) are left out. Used once, by one thread.
 */
final class RoutePolicyValues {

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Adds {@code value} under the route policy {@code name} when it is written. */
  RoutePolicyValues with(String name, Object value) {
    if (value != null) {
      values.put(name, value);
    }
    return this;
  }

  RoutePoliciesYaml build() {
    return new RoutePoliciesYaml(values);
  }
}
