package io.agw.gateway.config;

import java.util.List;

/** The gateway cannot start because its configuration file is missing or invalid. */
public final class InvalidConfigurationException extends RuntimeException {

  private final String source;
  private final List<String> problems;

  public InvalidConfigurationException(String source, List<String> problems) {
    super("configuration " + source + " is invalid:\n  " + String.join("\n  ", problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  public String source() {
    return source;
  }

  public List<String> problems() {
    return problems;
  }
}
