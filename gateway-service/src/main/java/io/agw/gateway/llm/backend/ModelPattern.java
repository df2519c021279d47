package io.agw.gateway.llm.backend;

/**
 * A model name as configured: exact, or a prefix when it ends with {@code *} ({@code *} alone
 * matches any model). Immutable.
 */
public record ModelPattern(String text) {

  public boolean matches(String model) {
    if (text.endsWith("*")) {
      return model.startsWith(text.substring(0, text.length() - 1));
    }
    return text.equals(model);
  }

  public boolean isWildcard() {
    return text.endsWith("*");
  }

  /** How specific the pattern is: exact names beat any prefix, longer prefixes beat shorter. */
  int specificity() {
    return isWildcard() ? text.length() - 1 : Integer.MAX_VALUE;
  }
}
