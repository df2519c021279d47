package io.agw.model.config.mapping;

import io.agw.model.config.yaml.FilterYaml;
import io.agw.model.resource.v1.ExtensionFilter;
import java.util.Map;
import java.util.Optional;

/**
 * Maps this gateway's {@code filters} extension to {@link ExtensionFilter}s. The shortcut form
 * {@code "Name=a, b"} is split the way Spring Cloud Gateway splits a filter definition: the name
 * before the first {@code =}, then the arguments split on {@code ,}, trimmed, empty ones dropped,
 * and stored under the keys {@code _genkey_0}, {@code _genkey_1}, ... that Spring Cloud Gateway
 * binds shortcut arguments from.
 */
final class FilterMapper {

  /** Prefix of the keys of shortcut arguments, followed by their position. */
  static final String GENERATED_KEY_PREFIX = "_genkey_";

  private final MappingContext ctx;

  FilterMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  Optional<ExtensionFilter> filter(String path, FilterYaml yaml) {
    return yaml.shortcut() != null ? shortcut(path, yaml.shortcut()) : named(path, yaml);
  }

  private Optional<ExtensionFilter> shortcut(String path, String text) {
    int eq = text.indexOf('=');
    String name = (eq < 0 ? text : text.substring(0, eq)).trim();
    if (!checkName(path, name)) {
      return Optional.empty();
    }
    ExtensionFilter.Builder b = ExtensionFilter.newBuilder().setName(name);
    if (eq >= 0) {
      int position = 0;
      for (String arg : text.substring(eq + 1).split(",")) {
        if (!arg.isBlank()) {
          b.putArgs(GENERATED_KEY_PREFIX + position++, arg.trim());
        }
      }
    }
    return Optional.of(b.build());
  }

  private Optional<ExtensionFilter> named(String path, FilterYaml yaml) {
    if (!ctx.require(path + ".name", yaml.name()) || !checkName(path + ".name", yaml.name())) {
      return Optional.empty();
    }
    ExtensionFilter.Builder b = ExtensionFilter.newBuilder().setName(yaml.name());
    if (yaml.args() != null) {
      for (Map.Entry<String, String> arg : yaml.args().entrySet()) {
        if (arg.getValue() == null) {
          ctx.error(path + ".args." + arg.getKey(), "must not be null; use \"\" for empty");
        } else {
          b.putArgs(arg.getKey(), arg.getValue());
        }
      }
    }
    return Optional.of(b.build());
  }

  private boolean checkName(String path, String name) {
    if (name.isEmpty() || !name.chars().allMatch(Character::isJavaIdentifierPart)) {
      ctx.error(
          path,
          "invalid filter name '"
              + name
              + "'; use a Spring Cloud Gateway filter name such as AddRequestHeader");
      return false;
    }
    return true;
  }
}
