package io.agw.gateway.llm.provider.groq;

import io.agw.gateway.llm.ClientApi;
import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.openai.OpenAiTranslations;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Groq (agentgateway's {@code groq} preset): OpenAI's dialect at {@code api.groq.com}, endpoints
 * under {@code /openai/v1}, a bearer key. Its bodies, streams and errors are OpenAI's.
 */
public final class GroqProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI;
  }

  @Override
  public String telemetryName() {
    return "groq";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "api.groq.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/openai/v1";
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
