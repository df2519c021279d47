package io.agw.model.config.mapping;

import com.google.protobuf.Duration;
import io.agw.model.cel.CelCustomFunctions;
import io.agw.model.config.ConfigErrors;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.yaml.DurationYaml;
import io.agw.model.resource.v1.DataSource;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What every mapper of one load shares: where relative file paths are resolved, and the error
 * collector, with the checks that several mappers need. One instance per load.
 */
final class MappingContext {

  private final RelativePaths paths;
  private final ConfigErrors errors;
  private final CelCustomFunctions customFunctions;

  MappingContext(RelativePaths paths, ConfigErrors errors) {
    this(paths, errors, CelCustomFunctions.NONE);
  }

  /**
   * @param customFunctions the functions of {@code config.customFunctions}, which every CEL
   *     expression of the file may call
   */
  MappingContext(RelativePaths paths, ConfigErrors errors, CelCustomFunctions customFunctions) {
    this.paths = paths;
    this.errors = errors;
    this.customFunctions = customFunctions;
  }

  /** Records a problem. */
  void error(String path, String message) {
    errors.add(path, message);
  }

  /**
   * Records a problem unless one was already recorded at or below {@code path}, for follow-up
   * problems (a missing choice after an unsupported field) that would only repeat the first.
   */
  void errorUnlessReported(String path, String message) {
    if (!errors.hasErrorsAt(path)) {
      errors.add(path, message);
    }
  }

  /** Whether a problem was already recorded at or below {@code path}. */
  boolean hasErrorsAt(String path) {
    return errors.hasErrorsAt(path);
  }

  /**
   * A file reference resolved to an absolute path ({@link RelativePaths}: the working directory
   * first, then the file's); the file itself is not read here.
   */
  Optional<DataSource> file(String path, String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      error(path, "must not be empty");
      return Optional.empty();
    }
    try {
      String file = paths.resolve(value).toString();
      return Optional.of(DataSource.newBuilder().setFile(file).build());
    } catch (InvalidPathException e) {
      error(path, "'" + value + "' is not a valid file path");
      return Optional.empty();
    }
  }

  /** A parsed duration, or empty (with an error recorded) when it is absent or invalid. */
  Optional<Duration> duration(String path, DurationYaml value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parse(value.text()));
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Checks that {@code regex} compiles with {@link java.util.regex}. */
  void checkRegex(String path, String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      error(
          path,
          "invalid regex '" + regex + "': " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  /** Checks that a CEL expression parses and type-checks in the gateway's environment. */
  void checkCel(String path, String expression) {
    if (expression == null) {
      return;
    }
    if (expression.isBlank()) {
      error(path, "a CEL expression must not be empty");
      return;
    }
    customFunctions
        .check(expression)
        .ifPresent(problem -> error(path, "invalid CEL expression at " + problem));
  }

  /** Checks a host name, which may be a wildcard of the form {@code *.example.com}. */
  void checkHostname(String path, String hostname) {
    String rest = hostname.startsWith("*.") ? hostname.substring(2) : hostname;
    if (hostname.equals("*")) {
      return;
    }
    if (rest.isEmpty()
        || rest.contains("*")
        || rest.startsWith(".")
        || rest.endsWith(".")
        || rest.contains("..")
        || !rest.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.')) {
      error(
          path,
          "invalid hostname '"
              + hostname
              + "'; use a name such as api.example.com, or a wildcard such as *.example.com");
    }
  }

  /** Checks that the value is not null, recording an error otherwise. */
  boolean require(String path, Object value) {
    if (value == null) {
      error(path, "required field is missing");
      return false;
    }
    return true;
  }

  /** A list, or an empty list for null. */
  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : value;
  }
}
