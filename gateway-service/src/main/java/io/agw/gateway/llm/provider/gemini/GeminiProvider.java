package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Google Gemini (AI Studio): {@code generativelanguage.googleapis.com}, endpoints under {@code
 * /v1beta/models/<model>}: {@code :generateContent}, {@code :streamGenerateContent?alt=sse} for
 * streams, {@code :batchEmbedContents} and {@code :countTokens}; the key in {@code x-goog-api-key}.
 * A {@code models/} prefix on the model name is accepted and not doubled. Responses requests go (as
 * chat completions) to the OpenAI-compatible {@code /v1beta/openai/chat/completions}, which takes
 * the same key header.
 */
public final class GeminiProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.GEMINI;
  }

  @Override
  public String telemetryName() {
    return "gcp.gemini";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "generativelanguage.googleapis.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/v1beta";
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.set("x-goog-api-key", key);
  }

  @Override
  public String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    String prefix =
        config.getPathPrefix().isEmpty() ? defaultPrefix(config, model) : config.getPathPrefix();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (api == ClientApi.RESPONSES) {
      // Responses are served as chat completions by the OpenAI-compatible endpoint.
      return prefix + "/openai/chat/completions";
    }
    return prefix + "/models/" + bare(model) + method(api, streaming);
  }

  /** The method suffix of a Gemini model resource for {@code api}. */
  public static String method(ClientApi api, boolean streaming) {
    return switch (api) {
      case EMBEDDINGS -> ":batchEmbedContents";
      case COUNT_TOKENS -> ":countTokens";
      default -> streaming ? ":streamGenerateContent?alt=sse" : ":generateContent";
    };
  }

  /** The model id without a {@code models/} prefix. */
  public static String bare(String model) {
    return model.startsWith("models/") ? model.substring("models/".length()) : model;
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return GeminiTranslations.of(api, false);
  }
}
