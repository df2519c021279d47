package io.agw.model.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one load, in the order they are found. Used by the reader and the
 * mappers of this package; not thread-safe, one instance per load.
 */
public final class ConfigErrors {

  private final List<ConfigError> errors = new ArrayList<>();

  /** Records a problem at {@code path}. */
  public void add(String path, String message) {
    errors.add(new ConfigError(path, message));
  }

  /** Whether a problem was recorded at {@code path} or anywhere below it. */
  public boolean hasErrorsAt(String path) {
    return errors.stream()
        .map(ConfigError::path)
        .anyMatch(
            p ->
                p.equals(path)
                    || p.startsWith(path + ".")
                    || p.startsWith(path + "[")
                    || path.isEmpty());
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The problems recorded so far, as an immutable copy. */
  public List<ConfigError> list() {
    return List.copyOf(errors);
  }
}
