package io.agw.model.config.read;

import io.agw.model.config.ConfigErrors;
import io.agw.model.config.RelativePaths;
import io.agw.model.config.yaml.CatalogYaml;
import io.agw.model.config.yaml.LoadedCatalogYaml;
import io.agw.model.config.yaml.LocalConfigYaml;
import io.agw.model.config.yaml.ModelCatalogSourceYaml;
import io.agw.model.config.yaml.PolicyFields;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sources of {@code config.modelCatalog}: a {@code file} (JSON or YAML, resolved against
 * the configuration's directory) or an {@code inline} catalog (a string or a mapping), each into a
 * {@link CatalogYaml}, with the same checks as the file (unknown fields, types). Catalog files are
 * read when the configuration is loaded, so a reload of the configuration reloads them, and a
 * missing file refuses the configuration with its path. Stateless.
 */
public final class ModelCatalogSources {

  private static final String PATH = "config.modelCatalog";

  private ModelCatalogSources() {}

  /**
   * The catalogs of {@code config}'s sources in order; a source that cannot be read is left out.
   */
  public static List<LoadedCatalogYaml> read(
      LocalConfigYaml config, RelativePaths paths, PolicyFields fields, ConfigErrors errors) {
    List<LoadedCatalogYaml> out = new ArrayList<>();
    if (config.config() == null || config.config().modelCatalog() == null) {
      return out;
    }
    List<ModelCatalogSourceYaml> sources = config.config().modelCatalog();
    for (int i = 0; i < sources.size(); i++) {
      String path = PATH + "[" + i + "]";
      ModelCatalogSourceYaml source = sources.get(i);
      if (source == null || (source.file() == null) == (source.inline() == null)) {
        errors.add(path, "set exactly one of file, inline");
        continue;
      }
      if (source.file() != null) {
        file(path + ".file", source.file(), paths, fields, errors).ifPresent(out::add);
      } else {
        String text =
            source.inline().isString() ? source.inline().asString() : source.inline().toString();
        text(path + ".inline", text, fields, errors).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A catalog written as JSON or YAML; problems go to {@code errors} under {@code path}. */
  public static java.util.Optional<LoadedCatalogYaml> text(
      String path, String text, PolicyFields fields, ConfigErrors errors) {
    return YamlConfigReader.readPart(text, CatalogYaml.class, fields, path, errors)
        .map(catalog -> new LoadedCatalogYaml(path, catalog));
  }

  private static java.util.Optional<LoadedCatalogYaml> file(
      String path, String file, RelativePaths paths, PolicyFields fields, ConfigErrors errors) {
    if (file.isBlank()) {
      errors.add(path, "must not be empty");
      return java.util.Optional.empty();
    }
    Path resolved;
    try {
      resolved = paths.resolve(file);
    } catch (InvalidPathException e) {
      errors.add(path, "'" + file + "' is not a valid file path");
      return java.util.Optional.empty();
    }
    try {
      return text(path + "(" + file + ")", Files.readString(resolved), fields, errors);
    } catch (NoSuchFileException e) {
      errors.add(path, "no such file: " + resolved);
    } catch (CharacterCodingException e) {
      errors.add(path, resolved + " is not UTF-8 text");
    } catch (IOException e) {
      errors.add(path, "cannot read " + resolved + ": " + e.getClass().getSimpleName());
    }
    return java.util.Optional.empty();
  }
}
