package io.agw.gateway.llm.registry;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.anthropic.AnthropicTranslations;
import io.agw.gateway.llm.provider.bedrock.BedrockTranslations;
import io.agw.gateway.llm.provider.gemini.GeminiTranslations;
import io.agw.gateway.llm.provider.openai.OpenAiTranslations;
import java.util.Optional;

/**
 * The translations of each dialect with no provider envelope, for callers that know a dialect but
 * not a configured provider (tests, benchmarks). Requests find theirs through their provider's
 * adapter ({@link io.agw.gateway.llm.provider.ProviderAdapter#translation}). A pair with no
 * translation (Responses or Embeddings to Anthropic, token counting on an OpenAI provider) is
 * empty.
 */
public final class Translations {

  private Translations() {}

  /** The translation for a client API and a provider dialect with no envelope. */
  public static Optional<Translation> of(ClientApi api, Dialect provider) {
    return switch (provider) {
      case OPENAI -> OpenAiTranslations.of(api);
      case ANTHROPIC -> AnthropicTranslations.of(api);
      case GEMINI -> GeminiTranslations.of(api, false);
      case BEDROCK -> BedrockTranslations.of(api);
    };
  }
}
