package io.agw.model.config;

import io.agw.model.config.mapping.ConfigMapper;
import io.agw.model.config.mapping.ModelCatalogMapper;
import io.agw.model.config.read.ModelCatalogSources;
import io.agw.model.config.read.VariableExpansion;
import io.agw.model.config.read.YamlConfigReader;
import io.agw.model.config.yaml.LoadedCatalogYaml;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.PromptGuardYaml;
import io.agw.model.resource.v1.ModelCatalog;
import io.agw.model.resource.v1.PromptGuard;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a configuration file in agentgateway's standalone YAML format (the subset this gateway
 * supports) and maps it to the {@code Resource} messages the data plane consumes, the same ones the
 * control service would send.
 *
 * <p>A file is accepted whole or refused whole: every problem found is reported in one {@link
 * ConfigException}, each with its path in the file. Fields that agentgateway has but this gateway
 * does not support yet are refused, never ignored. A file's text is first expanded as agentgateway
 * expands it ({@link #expand}: {@code $NAME} environment variables), then parsed. Referenced files
 * (certificates, keys) are only resolved to absolute paths here ({@link RelativePaths}); the
 * gateway reads them when it builds its state. Model catalog files ({@code config.modelCatalog})
 * are the exception: they are read here, with the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /**
   * Loads configuration text, already expanded ({@link #expand}): a {@code $} left in it is taken
   * literally, so that a document merged from expanded parts is not expanded twice. Relative paths
   * are resolved against the working directory first, then {@code baseDir} ({@link RelativePaths}).
   *
   * @param yaml the document; empty text or {@code {}} gives no resources
   * @param baseDir the configuration file's directory; null means the current working directory
   * @throws ConfigException listing every problem found
   */
  public static LoadedConfig load(String yaml, Path baseDir) throws ConfigException {
    Path working = Path.of("").toAbsolutePath();
    return load(yaml, new RelativePaths(working, baseDir == null ? working : baseDir));
  }

  /**
   * Loads configuration text, already expanded ({@link #expand}).
   *
   * @param paths where relative file paths point
   * @throws ConfigException listing every problem found
   */
  public static LoadedConfig load(String yaml, RelativePaths paths) throws ConfigException {
    ConfigErrors errors = new ConfigErrors();
    Optional<LocalConfigYaml> config =
        YamlConfigReader.read(yaml, ConfigMapper.policyFields(), errors);
    if (config.isEmpty()) {
      throw new ConfigException(errors.list());
    }
    List<LoadedCatalogYaml> catalogs =
        ModelCatalogSources.read(config.get(), paths, ConfigMapper.policyFields(), errors);
    LoadedConfig loaded = ConfigMapper.map(config.get(), paths, catalogs, errors);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors.list());
    }
    return loaded;
  }

  /**
   * A file's text as agentgateway reads it: every {@code $NAME}, {@code ${NAME}} and {@code
   * ${NAME:-default}} replaced by the environment's value, {@code $$} by {@code $} ({@link
   * VariableExpansion}).
   *
   * @param what the file as named in errors, or null for the configuration file itself
   * @throws ConfigException naming every variable that is not set, with its line
   */
  public static VariableExpansion.Expanded expand(String what, String text, ConfigEnvironment env)
      throws ConfigException {
    return VariableExpansion.expand(what, text, env);
  }

  /**
   * Reads only the process settings of a file's {@code config} block, without mapping the rest of
   * the file (the gateway reads them before it starts, then loads the whole file).
   *
   * @param yaml the file's contents
   * @return the settings, or empty when the file cannot be read or they are invalid (the whole
   *     file's load then reports why)
   */
  public static Optional<ProcessSettings> processSettings(String yaml) {
    ConfigErrors errors = new ConfigErrors();
    Optional<LocalConfigYaml> config =
        YamlConfigReader.read(yaml, ConfigMapper.policyFields(), errors);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    ProcessSettings settings = ConfigMapper.processSettings(config.get().config(), errors);
    return errors.isEmpty() ? Optional.of(settings) : Optional.empty();
  }

  /**
   * Loads agentgateway's {@code PromptGuard} written outside a configuration file, such as a field
   * of a Kubernetes resource, exactly as {@code ai.promptGuard} in a file: the same guard kinds and
   * the same checks.
   *
   * @param path where the text was written, the prefix of every problem's path
   * @param text the guard as JSON or YAML
   * @throws ConfigException listing every problem found
   */
  public static PromptGuard loadPromptGuard(String path, String text) throws ConfigException {
    ConfigErrors errors = new ConfigErrors();
    Optional<PromptGuardYaml> yaml =
        YamlConfigReader.readPart(
            text, PromptGuardYaml.class, ConfigMapper.policyFields(), path, errors);
    PromptGuard guard = yaml.map(y -> ConfigMapper.promptGuard(path, y, errors)).orElse(null);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors.list());
    }
    return guard;
  }

  /**
   * Loads a model catalog in agentgateway's {@code Catalog} format (JSON or YAML: {@code providers}
   * -> {@code models} -> {@code rates} and {@code tiers}) with the same checks as {@code
   * config.modelCatalog} in a file.
   *
   * @param path where the text comes from, the prefix of every problem's path
   * @throws ConfigException listing every problem found
   */
  public static ModelCatalog loadModelCatalog(String path, String text) throws ConfigException {
    ConfigErrors errors = new ConfigErrors();
    ModelCatalog catalog =
        ModelCatalogSources.text(path, text, ConfigMapper.policyFields(), errors)
            .map(read -> ModelCatalogMapper.catalog(read.path(), read.catalog(), errors))
            .orElse(null);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors.list());
    }
    return catalog;
  }

  /**
   * Reads, expands and loads a file (UTF-8) in this process's environment; see {@link #load(Path,
   * ConfigEnvironment)}.
   */
  public static LoadedConfig load(Path file) throws ConfigException {
    return load(file, ConfigEnvironment.system());
  }

  /**
   * Reads a file (UTF-8), expands its variables in {@code env} and loads it; relative paths inside
   * it are resolved against {@code env}'s working directory first, then the file's directory.
   * Messages never show a value that came from a variable.
   *
   * @throws ConfigException when the file cannot be read, or listing every problem in it
   */
  public static LoadedConfig load(Path file, ConfigEnvironment env) throws ConfigException {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new ConfigException(new ConfigError("", file + " is not UTF-8 text"), e);
    } catch (IOException e) {
      throw new ConfigException(new ConfigError("", "cannot read " + file + ": " + describe(e)), e);
    }
    VariableExpansion.Expanded expanded = expand(null, yaml, env);
    Path dir = file.toAbsolutePath().getParent();
    try {
      return load(expanded.text(), new RelativePaths(env.workingDirectory(), dir));
    } catch (ConfigException e) {
      throw expanded.hide(e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName();
  }
}
