package io.agw.gateway.telemetry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Applies agentgateway's {@code config.logging.level} to the process's loggers: a bare level
 * ({@code warn}) sets the root logger, {@code name=level} the logger {@code name} and those under
 * it ({@code agw.access=off}, {@code io.agw.gateway.mcp=debug}). A logger that a later
 * configuration no longer names gets back the level it had before the gateway first set it. Called
 * from the store's apply thread, one state at a time.
 */
final class LogLevels {

  private final LoggingSystem system;
  private final Map<String, LogLevel> original = new HashMap<>();
  private Map<String, LogLevel> applied = Map.of();

  LogLevels(LoggingSystem system) {
    this.system = system;
  }

  /** Applies {@code text} (empty: the levels as they were before any configuration set them). */
  void apply(String text) {
    Map<String, LogLevel> wanted = parse(text);
    if (wanted.equals(applied)) {
      return;
    }
    for (String name : applied.keySet()) {
      if (!wanted.containsKey(name)) {
        system.setLogLevel(name, original.get(name));
      }
    }
    wanted.forEach(
        (name, level) -> {
          if (!original.containsKey(name)) {
            LoggerConfiguration current = system.getLoggerConfiguration(name);
            original.put(name, current == null ? null : current.getConfiguredLevel());
          }
          system.setLogLevel(name, level);
        });
    applied = wanted;
  }

  /** The levels by logger name ({@link LoggingSystem#ROOT_LOGGER_NAME} for a bare level). */
  static Map<String, LogLevel> parse(String text) {
    Map<String, LogLevel> levels = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return levels;
    }
    for (String raw : text.split(",")) {
      String entry = raw.trim();
      int eq = entry.indexOf('=');
      String name = eq < 0 ? LoggingSystem.ROOT_LOGGER_NAME : entry.substring(0, eq).trim();
      String level = (eq < 0 ? entry : entry.substring(eq + 1)).trim().toUpperCase(Locale.ROOT);
      levels.put(name, LogLevel.valueOf(level));
    }
    return levels;
  }
}
