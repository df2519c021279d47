package io.agw.gateway.config;

import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Configuration documents as trees: parsing, printing and the hybrid merge of a file and its
 * overlay ({@link ConfigMerge}). Comments of a document do not survive a trip through a tree.
 * Stateless.
 */
public final class ConfigDocuments {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES)
          .enable(
              YAMLWriteFeature.MINIMIZE_QUOTES,
              YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS,
              YAMLWriteFeature.LITERAL_BLOCK_STYLE,
              YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private ConfigDocuments() {}

  /**
   * The tree of {@code yaml} ({@code null} for an empty document).
   *
   * @param what names the document in the error, such as "the overlay"
   * @throws ConfigException when it is not YAML
   */
  public static JsonNode parse(String what, String yaml) throws ConfigException {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (JacksonException e) {
      throw new ConfigException(
          new ConfigError("", what + " is not valid YAML: " + e.getOriginalMessage()), e);
    }
  }

  /** {@code tree} as YAML text. */
  public static String print(JsonNode tree) {
    return tree == null ? "" : YAML.writeValueAsString(tree);
  }

  /** The file merged with the overlay, as YAML text. */
  public static String merged(String file, String overlay) throws ConfigException {
    JsonNode base = parse("the configuration file", file);
    JsonNode over = parse("the overlay", overlay);
    if (base == null) {
      return overlay;
    }
    return print(ConfigMerge.merge(base, over));
  }
}
