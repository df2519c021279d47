package io.agw.model.config.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A value given inline (a string), from a file ({@code {file: path}}) or, where allowed, from a URL
 * ({@code {url: https://...}}). Exactly one of the three is set; the shape is checked here, the
 * meaning (is a URL allowed?) by the mapper.
 */
public record SourceYaml(String inline, String file, String url) {

  /** Accepts a string or a mapping with one of {@code file}, {@code url}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SourceYaml of(JsonNode node) {
    if (node.isString()) {
      return new SourceYaml(node.stringValue(), null, null);
    }
    if (node.isObject() && node.size() == 1) {
      JsonNode file = node.get("file");
      JsonNode url = node.get("url");
      if (file != null && file.isString()) {
        return new SourceYaml(null, file.stringValue(), null);
      }
      if (url != null && url.isString()) {
        return new SourceYaml(null, null, url.stringValue());
      }
    }
    throw new IllegalArgumentException(
        "expected a string, {file: path} or {url: https://...} (one key only)");
  }
}
