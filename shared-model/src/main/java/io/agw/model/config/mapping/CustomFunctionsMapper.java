package io.agw.model.config.mapping;

import io.agw.model.cel.CelCustomFunctions;
import io.agw.model.cel.InvalidCustomFunctions;
import io.agw.model.config.ConfigErrors;
import io.agw.model.config.yaml.SettingsYaml;

/**
 * Reads {@code config.customFunctions} before any CEL expression of the file is checked, since
 * every expression may call them. A problem is reported at {@code config.customFunctions} with the
 * line of the block it is on. Stateless.
 */
final class CustomFunctionsMapper {

  static final String PATH = "config.customFunctions";

  private CustomFunctionsMapper() {}

  static CelCustomFunctions map(SettingsYaml settings, ConfigErrors errors) {
    if (settings == null || settings.customFunctions() == null) {
      return CelCustomFunctions.NONE;
    }
    try {
      return CelCustomFunctions.parse(settings.customFunctions());
    } catch (InvalidCustomFunctions e) {
      errors.add(PATH, e.getMessage());
      return CelCustomFunctions.NONE;
    }
  }
}
