package io.agw.model.config;

import java.util.Objects;

/**
 * One problem found in a configuration file.
 *
 * @param path where in the file, as property names and list indexes, for example {@code
 *     binds[0].listeners[1].routes[2].policies.timeout.requestTimeout}; empty when the problem is
 *     about the file as a whole (a YAML syntax error, whose message then gives line and column)
 * @param message what is wrong, for a person to read; never contains the contents of referenced
 *     files
 */
public record ConfigError(String path, String message) {

  /** Checks that both parts are present. */
  public ConfigError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Returns {@code path: message}, or only the message when the path is empty. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
