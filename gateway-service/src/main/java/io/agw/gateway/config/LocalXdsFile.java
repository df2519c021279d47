package io.agw.gateway.config;

import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.read.VariableExpansion.Expanded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * agentgateway's {@code config.localXdsPath} (and the environment variable {@code LOCAL_XDS_PATH},
 * which wins): the gateway's resources (binds, routes, backends, policies, ...) come from that file
 * instead of the {@code --config} file, which keeps only its {@code config} block. A relative path
 * is resolved as every path of the file ({@link RelativePaths}: the working directory first, then
 * the {@code --config} file's folder). The named file's text is expanded as the {@code --config}
 * file's ({@code $NAME} variables). The effective document is the {@code --config} file's {@code
 * config} block with every other section of the named file; the named file may have no {@code
 * config} block, and the {@code --config} file no other section (neither would be read, so both are
 * refused rather than ignored). Stateless.
 */
final class LocalXdsFile {

  /** The environment variable that names the file, winning over {@code config.localXdsPath}. */
  static final String ENV = "LOCAL_XDS_PATH";

  private LocalXdsFile() {}

  /** {@code LOCAL_XDS_PATH} of {@code env}, or null when unset or blank. */
  static String fromEnvironment(ConfigEnvironment env) {
    String value = env.variables().apply(ENV);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * The file that holds the resources of {@code configFile}, or null when they are in it.
   *
   * @param yaml the {@code --config} file's text, expanded
   */
  static Path referenced(Path configFile, String yaml, ConfigEnvironment env) {
    String named = fromEnvironment(env);
    if (named == null) {
      JsonNode tree;
      try {
        tree = ConfigDocuments.parse("the configuration file", yaml);
      } catch (ConfigException e) {
        return null; // reported when the file is loaded
      }
      JsonNode value = tree == null ? null : tree.path("config").path("localXdsPath");
      named =
          value != null && value.isString() && !value.asString().isBlank()
              ? value.asString()
              : null;
    }
    if (named == null) {
      return null;
    }
    Path dir = configFile.toAbsolutePath().getParent();
    return new RelativePaths(env.workingDirectory(), dir).resolve(named);
  }

  /**
   * The bytes of the file {@code configFile} takes its resources from, for change detection: an
   * empty array when it names none (or its text does not expand: the load reports why), null when
   * the named file cannot be read.
   *
   * @param yaml the {@code --config} file's text as written
   */
  static byte[] snapshot(Path configFile, String yaml, ConfigEnvironment env) {
    Path file;
    try {
      file = referenced(configFile, ConfigLoader.expand(null, yaml, env).text(), env);
    } catch (ConfigException e) {
      return new byte[0];
    }
    if (file == null) {
      return new byte[0];
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The document to load for {@code configFile}'s expanded text: the text itself when it names no
   * file, otherwise its {@code config} block with the named file's other sections, that file's text
   * expanded in {@code env}.
   *
   * @throws ConfigException when the named file cannot be read or is not a YAML mapping, or when a
   *     section is in the wrong file
   */
  static Expanded effective(Path configFile, Expanded main, ConfigEnvironment env)
      throws ConfigException {
    String yaml = main.text();
    Path file = referenced(configFile, yaml, env);
    if (file == null) {
      return main;
    }
    String where = fromEnvironment(env) != null ? ENV : "config.localXdsPath";
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          new ConfigError(where, "cannot read " + file + ": " + describe(e)), e);
    }
    Expanded named = ConfigLoader.expand(file.toString(), text, env);
    JsonNode resources = ConfigDocuments.parse(file.toString(), named.text());
    if (resources != null && !resources.isObject()) {
      throw new ConfigException(List.of(new ConfigError(where, file + " is not a YAML mapping")));
    }
    JsonNode mainTree = ConfigDocuments.parse("the configuration file", yaml);
    List<ConfigError> errors = new ArrayList<>();
    if (resources != null && resources.has("config")) {
      errors.add(
          new ConfigError(
              "config",
              "in "
                  + file
                  + ": the file named by "
                  + where
                  + " holds resources only; put the config block in the --config file"));
    }
    if (mainTree != null && mainTree.isObject()) {
      for (String section : mainTree.propertyNames()) {
        if (!section.equals("config")) {
          errors.add(
              new ConfigError(
                  section,
                  "not read: "
                      + where
                      + " names the file the resources come from ("
                      + file
                      + "); move it there"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    ObjectNode merged = resources == null ? null : ((ObjectNode) resources).deepCopy();
    if (mainTree != null && mainTree.has("config")) {
      if (merged == null) {
        return main.with(ConfigDocuments.print(mainTree), named);
      }
      merged.set("config", mainTree.get("config"));
    }
    return main.with(ConfigDocuments.print(merged), named);
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "no such file"
        : e.getClass().getSimpleName();
  }
}
