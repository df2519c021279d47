package io.agw.gateway.llm.provider.copilot;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.provider.anthropic.AnthropicTranslations;
import io.agw.gateway.llm.provider.openai.OpenAiTranslations;
import io.agw.model.resource.v1.AiProvider;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * GitHub Copilot: {@code api.githubcopilot.com}, OpenAI chat completions at {@code
 * /chat/completions}, and Claude models in Anthropic's format at {@code /v1/messages}. The API key
 * of the config is a GitHub token, which {@link CopilotCredentials} exchanges for a short-lived
 * Copilot session token sent with the headers Copilot requires of its clients.
 */
public final class CopilotProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.OPENAI;
  }

  /** Claude models are served in Anthropic's Messages format, every other one in OpenAI's. */
  @Override
  public Dialect dialect(AiProvider config, String model) {
    return isClaude(model) ? Dialect.ANTHROPIC : Dialect.OPENAI;
  }

  @Override
  public String telemetryName() {
    return "github.copilot";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "api.githubcopilot.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "";
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  /** Called for Claude requests only (the Anthropic dialect). */
  @Override
  public void requiredHeaders(HttpHeaders headers) {
    if (!headers.containsHeader("anthropic-version")) {
      headers.set("anthropic-version", "2023-06-01");
    }
  }

  @Override
  public String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    String prefix = config.getPathPrefix();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    // Copilot serves OpenAI endpoints at the root and Anthropic's under /v1.
    return api.dialect() == Dialect.ANTHROPIC
        ? prefix + "/v1" + api.suffix()
        : prefix + api.suffix();
  }

  static boolean isClaude(String model) {
    return model != null && model.toLowerCase(Locale.ROOT).startsWith("claude");
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return dialect(config, model) == Dialect.ANTHROPIC
        ? AnthropicTranslations.of(api)
        : OpenAiTranslations.of(api);
  }

  /** The configured key is a GitHub token, traded for Copilot session tokens. */
  @Override
  public UpstreamCredentials credentials(AiProvider config, String apiKey) {
    if (apiKey == null) {
      throw new IllegalArgumentException(
          "a copilot provider needs backendAuth key (a GitHub token)");
    }
    return new CopilotCredentials(apiKey, config.getCopilot().getTokenUrl());
  }
}
