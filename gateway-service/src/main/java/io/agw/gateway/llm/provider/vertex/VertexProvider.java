package io.agw.gateway.llm.provider.vertex;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.gateway.llm.provider.anthropic.AnthropicTranslations;
import io.agw.gateway.llm.provider.gemini.GeminiProvider;
import io.agw.gateway.llm.provider.gemini.GeminiTranslations;
import io.agw.model.resource.v1.AiProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Vertex AI. The host follows the region: {@code global} (the default) is {@code
 * aiplatform.googleapis.com}, {@code us} and {@code eu} the multi-region {@code
 * aiplatform.<region>.rep.googleapis.com}, any other region {@code
 * <region>-aiplatform.googleapis.com}. Paths are {@code
 * /v1/projects/<project>/locations/<region>/publishers/<publisher>/models/<model>:<method>}: Gemini
 * models (publisher {@code google}) use {@code generateContent}, {@code
 * streamGenerateContent?alt=sse}, {@code predict} (embeddings) and {@code countTokens}; Anthropic
 * models (a name starting with {@code claude} or {@code anthropic/}, publisher {@code anthropic})
 * use {@code rawPredict} and {@code streamRawPredict}, and token counting the {@code count-tokens}
 * model. Responses requests to Gemini models go (as chat completions) to the OpenAI-compatible
 * {@code .../endpoints/openapi/chat/completions}. Credentials are Google OAuth tokens (see {@link
 * GoogleCredentials}); a static key, when configured instead, is sent as a bearer token.
 */
public final class VertexProvider implements ProviderAdapter {

  private static final String ANTHROPIC_PREFIX = "anthropic/";

  @Override
  public Dialect dialect() {
    return Dialect.GEMINI;
  }

  @Override
  public Dialect dialect(AiProvider config, String model) {
    return isAnthropic(model) ? Dialect.ANTHROPIC : Dialect.GEMINI;
  }

  @Override
  public String telemetryName() {
    return "gcp.vertex_ai";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    String region = region(config);
    return switch (region) {
      case "global" -> "aiplatform.googleapis.com:443";
      case "us", "eu" -> "aiplatform." + region + ".rep.googleapis.com:443";
      default -> region + "-aiplatform.googleapis.com:443";
    };
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/v1/projects/"
        + encode(config.getVertex().getProjectId())
        + "/locations/"
        + encode(region(config));
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  @Override
  public String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    String prefix =
        config.getPathPrefix().isEmpty() ? defaultPrefix(config, model) : config.getPathPrefix();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    if (isAnthropic(model)) {
      String base = prefix + "/publishers/anthropic/models/";
      if (api == ClientApi.COUNT_TOKENS) {
        return base + "count-tokens:rawPredict";
      }
      return base
          + encode(anthropicModel(model))
          + (streaming ? ":streamRawPredict" : ":rawPredict");
    }
    if (api == ClientApi.RESPONSES) {
      // Responses are served as chat completions by the OpenAI-compatible endpoint.
      return prefix + "/endpoints/openapi/chat/completions";
    }
    String base = prefix + "/publishers/google/models/" + encode(GeminiProvider.bare(model));
    return base
        + (api == ClientApi.EMBEDDINGS ? ":predict" : GeminiProvider.method(api, streaming));
  }

  /** Whether Vertex serves {@code model} through the Anthropic publisher. */
  public static boolean isAnthropic(String model) {
    return model.startsWith("claude") || model.startsWith(ANTHROPIC_PREFIX);
  }

  /** The Anthropic model id as Vertex names it (without an {@code anthropic/} prefix). */
  static String anthropicModel(String model) {
    return model.startsWith(ANTHROPIC_PREFIX) ? model.substring(ANTHROPIC_PREFIX.length()) : model;
  }

  private static String region(AiProvider config) {
    String region = config.getVertex().getRegion();
    return region.isEmpty() ? "global" : region;
  }

  private static String encode(String value) {
    // Model ids carry '@' (claude-sonnet-4-5@20250929); it is legal in a path segment.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    // Claude on Vertex AI speaks Anthropic's dialect inside Vertex's envelope.
    return isAnthropic(model)
        ? AnthropicTranslations.of(api).map(VertexAnthropicTranslation::new)
        : GeminiTranslations.of(api, true);
  }

  /** Without a key, Google's application default credentials, as Google's own clients do. */
  @Override
  public UpstreamCredentials credentials(AiProvider config, String apiKey) {
    return apiKey == null
        ? GoogleCredentials.applicationDefault()
        : UpstreamCredentials.apiKey(this, config, apiKey);
  }
}
