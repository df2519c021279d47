package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.llm.ClientApi;
import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** OpenAI: {@code api.openai.com}, endpoints under {@code /v1}, a bearer key. */
public final class OpenAiProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI;
  }

  @Override
  public String telemetryName() {
    return "openai";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "api.openai.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/v1";
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return OpenAiTranslations.of(api);
  }
}
