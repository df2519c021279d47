package io.agw.model.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a configuration file's meaning depends on outside its text, as agentgateway reads it: the
 * environment variables its {@code $NAME} references expand to, the home directory a leading {@code
 * ~} expands to, and the working directory relative file paths are looked up in first. Tests pass
 * their own instead of changing the process's.
 *
 * @param variables the value of an environment variable, or null when it is not set
 * @param home the home directory, or null when unknown (a leading {@code ~} is then kept)
 * @param workingDirectory the directory relative paths are tried against first, absolute
 */
public record ConfigEnvironment(
    Function<String, String> variables, Path home, Path workingDirectory) {

  public ConfigEnvironment {
    Objects.requireNonNull(variables, "variables");
    workingDirectory =
        (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath().normalize();
  }

  /** This process's environment variables, home and working directories. */
  public static ConfigEnvironment system() {
    String home = System.getProperty("user.home");
    return new ConfigEnvironment(
        System::getenv, home == null || home.isBlank() ? null : Path.of(home), Path.of(""));
  }

  /** Only the given variables, this process's home and working directories (for tests). */
  public static ConfigEnvironment of(Map<String, String> variables) {
    return system().withVariables(variables);
  }

  /** The same with only the given variables set. */
  public ConfigEnvironment withVariables(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new ConfigEnvironment(copy::get, home, workingDirectory);
  }

  /** The same with another working directory. */
  public ConfigEnvironment withWorkingDirectory(Path directory) {
    return new ConfigEnvironment(variables, home, directory);
  }
}
