package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * A provider that speaks OpenAI's dialect under its own name, host and path prefix, with a bearer
 * key: its bodies, streams and errors are OpenAI's. OpenAI itself and agentgateway's
 * OpenAI-compatible presets extend it with their three facts. Stateless and thread-safe.
 */
public class OpenAiCompatibleProvider implements ProviderAdapter {

  private final String telemetryName;
  private final String authority;
  private final String prefix;

  /**
   * @param telemetryName {@code gen_ai.provider.name}
   * @param authority host:port of the provider's endpoint (TLS)
   * @param prefix the path the OpenAI endpoints hang under, e.g. {@code /v1}
   */
  protected OpenAiCompatibleProvider(String telemetryName, String authority, String prefix) {
    this.telemetryName = telemetryName;
    this.authority = authority;
    this.prefix = prefix;
  }

  @Override
  public final Dialect dialect() {
    return Dialect.OPENAI;
  }

  @Override
  public final String telemetryName() {
    return telemetryName;
  }

  @Override
  public final String defaultAuthority(AiProvider config) {
    return authority;
  }

  @Override
  public final String defaultPrefix(AiProvider config, String model) {
    return prefix;
  }

  @Override
  public final void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  @Override
  public final Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return OpenAiTranslations.of(api);
  }
}
