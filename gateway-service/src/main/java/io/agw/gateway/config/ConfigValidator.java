package io.agw.gateway.config;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.state.GatewayStateFactory;
import io.agw.gateway.state.InvalidStateException;
import io.agw.model.config.ConfigEnvironment;
import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import io.agw.model.config.read.VariableExpansion.Expanded;
import io.agw.model.resource.v1.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a configuration file the way a reload would apply it, without applying it: loads the file
 * (every problem with its path), then builds the gateway state from its resources with the same
 * factory as a reload, which compiles every policy and CEL expression, reads the files it names
 * (certificates, keys, OpenAPI specs) and resolves secrets. Nothing is started: no server, no
 * database, no connection. Thread-safe.
 */
public final class ConfigValidator {

  private final GatewayStateFactory factory;
  private final CelEnvironment cel;

  /**
   * @param cel the environment {@code factory}'s policies compile with; it is given each file's
   *     {@code config.customFunctions} before the file's expressions are compiled, so it must not
   *     be one a serving gateway uses
   */
  public ConfigValidator(GatewayStateFactory factory, CelEnvironment cel) {
    this.factory = factory;
    this.cel = cel;
  }

  /**
   * The outcome of a check.
   *
   * @param problems each as {@code path: message} where it has a path; empty when the gateway would
   *     serve the file
   * @param resources the resources the file loads to, in the loader's order; empty when it does not
   *     load
   */
  public record Result(List<String> problems, List<Resource> resources) {

    public Result {
      problems = List.copyOf(problems);
      resources = List.copyOf(resources);
    }
  }

  /** The problems of {@code file}, or an empty list when the gateway would serve it. */
  public List<String> validate(Path file) {
    return check(file).problems();
  }

  /** The problems of {@code file} in {@code env}, or an empty list when it would be served. */
  public List<String> validate(Path file, ConfigEnvironment env) {
    return check(file, env).problems();
  }

  /** Checks {@code file} in this process's environment; see {@link Result}. */
  public Result check(Path file) {
    return check(file, ConfigEnvironment.system());
  }

  /**
   * Checks {@code file} as the gateway would serve it in {@code env} (its variables, its working
   * directory): with the resources of the file its {@code config.localXdsPath} (or {@code
   * LOCAL_XDS_PATH}) names, when it names one. See {@link Result}.
   */
  public Result check(Path file, ConfigEnvironment env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      try {
        ConfigLoader.load(file, env); // reports the file that cannot be read
      } catch (ConfigException unreadable) {
        return failed(unreadable);
      }
      return failed(new ConfigException(List.of(new ConfigError("", "cannot read " + file))));
    }
    Expanded document;
    LoadedConfig loaded;
    try {
      document = ConfigFileDocument.of(file, text, null, env);
      loaded = ConfigFileDocument.load(file, document, env);
    } catch (ConfigException e) {
      return failed(e);
    }
    Map<String, Resource> resources = new LinkedHashMap<>();
    loaded.resources().forEach(r -> resources.put(r.getKey(), r));
    cel.useCustomFunctions(loaded.settings().customFunctions());
    try {
      factory.build(0, file.toAbsolutePath().toString(), resources);
      return new Result(List.of(), loaded.resources());
    } catch (InvalidStateException e) {
      return new Result(e.problems().stream().map(document::hide).toList(), loaded.resources());
    }
  }

  private static Result failed(ConfigException e) {
    return new Result(e.errors().stream().map(Object::toString).toList(), List.of());
  }
}
