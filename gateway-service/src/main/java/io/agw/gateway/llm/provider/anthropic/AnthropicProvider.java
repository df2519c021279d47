package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Anthropic: {@code api.anthropic.com}, endpoints under {@code /v1}, the key in {@code x-api-key},
 * and the {@code anthropic-version} header every request must carry.
 */
public final class AnthropicProvider implements ProviderAdapter {

  /** The API version sent when the client did not choose one. */
  public static final String API_VERSION = "2023-06-01";

  @Override
  public Dialect dialect() {
    return Dialect.ANTHROPIC;
  }

  @Override
  public String telemetryName() {
    return "anthropic";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "api.anthropic.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/v1";
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.set("x-api-key", key);
  }

  @Override
  public void requiredHeaders(HttpHeaders headers) {
    if (!headers.containsHeader("anthropic-version")) {
      headers.set("anthropic-version", API_VERSION);
    }
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return AnthropicTranslations.of(api);
  }
}
