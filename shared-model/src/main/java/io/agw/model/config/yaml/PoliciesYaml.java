package io.agw.model.config.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code policies} block: the policies written there, by field name, each bound to the type its
 * kind registered (see {@link PolicyFields}). A field written as null is absent. Which names a
 * block accepts is not fixed here: every policy kind registers its own, so a new kind changes no
 * block.
 */
public sealed interface PoliciesYaml
    permits ListenerPoliciesYaml, RoutePoliciesYaml, BackendPoliciesYaml {

  /** Where this block is written. */
  PolicyBlock block();

  /** The policies written, by field name, in the order written; unmodifiable. */
  Map<String, Object> values();

  /** The value of {@code name}, or null when it is not written. */
  default <T> T get(String name, Class<T> type) {
    return type.cast(values().get(name));
  }

  /** An unmodifiable copy that keeps the order written and drops null values. */
  static Map<String, Object> copy(Map<String, Object> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(
          (name, value) -> {
            if (value != null) {
              copy.put(name, value);
            }
          });
    }
    return Collections.unmodifiableMap(copy);
  }
}
