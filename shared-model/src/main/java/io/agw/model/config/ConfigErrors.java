package io.agw.model.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the problems of one load, in the order they are found. Used by the reader and the
 * mappers of this package; not thread-safe, one instance per load.
 */
public final class ConfigErrors {

  private final List<ConfigError> errors = new ArrayList<>();
  private static final Pattern QUOTED_PATH =
      Pattern.compile("binds\\[\\d+](?:\\.[A-Za-z][A-Za-z0-9]*|\\[\\d+])*");

  private UnaryOperator<String> translation;

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

  /**
   * Reports every path (and every path quoted in a message) through {@code translation} from now
   * on, in {@link #list()}: the reader rewrites agentgateway's v1.4 layout into the {@code binds}
   * layout before binding, and the problems must name the paths the user wrote. {@link
   * #hasErrorsAt} keeps working on the rewritten paths. Problems that read the same once translated
   * (a route attached to two gateways) are reported once.
   */
  public void translatePaths(UnaryOperator<String> translation) {
    this.translation = translation;
  }

  /** The problems recorded so far, as an immutable copy. */
  public List<ConfigError> list() {
    if (translation == null) {
      return List.copyOf(errors);
    }
    Set<ConfigError> translated = new LinkedHashSet<>();
    for (ConfigError error : errors) {
      translated.add(new ConfigError(translation.apply(error.path()), inText(error.message())));
    }
    return List.copyOf(translated);
  }

  /** A message with the {@code binds} paths it quotes ("also binds[2]") translated. */
  private String inText(String message) {
    Matcher m = QUOTED_PATH.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(translation.apply(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }
}
