package io.agw.gateway.route;

import io.agw.model.resource.v1.StringMatch;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One header or query condition (agentgateway's {@code HeaderMatch} / {@code QueryMatch}): matches
 * when any of the values matches exactly, or the regex matches a whole value. Immutable and
 * thread-safe.
 */
public record ValueCondition(String name, String exact, Pattern regex) {

  /** Compiles a condition; the regex was checked when the configuration loaded. */
  public static ValueCondition of(String name, StringMatch value) {
    return switch (value.getKindCase()) {
      case EXACT -> new ValueCondition(name, value.getExact(), null);
      case REGEX -> new ValueCondition(name, null, Pattern.compile(value.getRegex()));
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("match on '" + name + "' has no value");
    };
  }

  /** Whether any of {@code values} (null when absent) matches. */
  public boolean test(List<String> values) {
    if (values == null) {
      return false;
    }
    for (String v : values) {
      if (matches(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one value matches. */
  public boolean matches(String value) {
    return exact != null ? exact.equals(value) : regex.matcher(value).matches();
  }
}
