package io.agw.gateway.llm.provider.custom;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.anthropic.AnthropicTranslations;
import io.agw.gateway.llm.provider.openai.OpenAiTranslations;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.AiRouteType;
import io.agw.model.resource.v1.CustomFormat;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * A custom provider: an OpenAI-compatible endpoint (vLLM, Ollama, LiteLLM, a company proxy) at the
 * configured {@code hostOverride}; there is no default host. Its {@code formats} say which APIs it
 * accepts and, optionally, at which path: with none (or with {@code completions}) it speaks the
 * OpenAI dialect, with only {@code messages} the Anthropic one. Paths default to {@code /v1} plus
 * the endpoint. The key goes in {@code Authorization: Bearer <key>} unless the config names another
 * header (then with no prefix unless one is given).
 */
public final class CustomProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI;
  }

  @Override
  public Dialect dialect(AiProvider config, String model) {
    var formats = config.getCustom().getFormatsList();
    boolean chat = formats.isEmpty() || has(config, AiRouteType.AI_ROUTE_COMPLETIONS);
    return !chat && has(config, AiRouteType.AI_ROUTE_MESSAGES) ? Dialect.ANTHROPIC : Dialect.OPENAI;
  }

  @Override
  public String telemetryName() {
    return "custom";
  }

  @Override
  public String telemetryName(AiProvider config) {
    String name = config.getCustom().getProviderOverride();
    return name.isEmpty() ? telemetryName() : name;
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    throw new IllegalArgumentException(
        "provider " + config.getName() + ": a custom provider needs hostOverride");
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/v1";
  }

  @Override
  public String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    for (CustomFormat f : config.getCustom().getFormatsList()) {
      if (ClientApi.of(f.getType()) == api && !f.getPath().isEmpty()) {
        return f.getPath();
      }
    }
    return ProviderAdapter.super.path(config, api, model, streaming);
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  @Override
  public void authenticate(AiProvider config, HttpHeaders headers, String key) {
    var custom = config.getCustom();
    if (custom.getAuthHeader().isEmpty()
        || custom.getAuthHeader().equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
      String prefix = custom.hasAuthPrefix() ? custom.getAuthPrefix() : "Bearer ";
      headers.set(HttpHeaders.AUTHORIZATION, prefix + key);
      return;
    }
    headers.set(custom.getAuthHeader(), custom.getAuthPrefix() + key);
  }

  private static boolean has(AiProvider config, AiRouteType type) {
    return config.getCustom().getFormatsList().stream().anyMatch(f -> f.getType() == type);
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return dialect(config, model) == Dialect.ANTHROPIC
        ? AnthropicTranslations.of(api)
        : OpenAiTranslations.of(api);
  }
}
