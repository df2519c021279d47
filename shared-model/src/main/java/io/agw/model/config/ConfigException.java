package io.agw.model.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file was refused. Carries every problem that could be found in one pass, so that
 * a user can fix them all at once; {@link #getMessage()} lists them one per line as {@code path:
 * message}.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<ConfigError> errors;

  /**
   * Creates the exception.
   *
   * @param errors the problems, at least one
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public ConfigException(List<ConfigError> errors) {
    super(format(errors));
    this.errors = List.copyOf(errors);
  }

  /** Creates the exception for a single problem, keeping {@code cause} for logs. */
  public ConfigException(ConfigError error, Throwable cause) {
    super(format(List.of(error)), cause);
    this.errors = List.of(error);
  }

  /** Returns the problems in the order they were found; never empty. */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String format(List<ConfigError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
  }
}
