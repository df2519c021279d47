package io.agw.model.config.yaml;

import java.util.List;

/**
 * A custom OpenAI-compatible provider at {@code hostOverride}: the API {@code formats} it accepts
 * (each with an optional path), an optional pinned {@code model}, and {@code providerOverride}, its
 * name in telemetry.
 */
@AgentgatewayDefinition("CustomProvider")
public record CustomProviderYaml(
    String model, String providerOverride, List<CustomFormatYaml> formats) {

  /** One accepted API format ({@code completions}, {@code messages}, ...) and its path. */
  @AgentgatewayDefinition("ProviderFormatConfig")
  public record CustomFormatYaml(String type, String path) {}
}
