package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.ProviderAdapter;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.provider.UpstreamCredentials;
import io.agw.model.resource.v1.AiProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * AWS Bedrock runtime: {@code bedrock-runtime.<region>.amazonaws.com}, the model in the path
 * ({@code /model/<id>/converse}, {@code /converse-stream} for streams, {@code /invoke} for
 * embeddings, {@code /count-tokens}). Requests are signed with SigV4 (a {@code backendAuth aws}
 * policy); a plain {@code backendAuth key} is a Bedrock API key, sent as a bearer token.
 */
public final class BedrockProvider implements ProviderAdapter {

  @Override
  public Dialect dialect() {
    return Dialect.BEDROCK;
  }

  @Override
  public String telemetryName() {
    return "aws.bedrock";
  }

  @Override
  public String defaultAuthority(AiProvider config) {
    return "bedrock-runtime." + config.getBedrock().getRegion() + ".amazonaws.com:443";
  }

  @Override
  public String defaultPrefix(AiProvider config, String model) {
    return "/model/" + encode(model);
  }

  @Override
  public void authenticate(HttpHeaders headers, String key) {
    headers.setBearerAuth(key);
  }

  @Override
  public String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    String prefix =
        config.getPathPrefix().isEmpty() ? defaultPrefix(config, model) : config.getPathPrefix();
    String endpoint =
        switch (api) {
          case EMBEDDINGS -> "/invoke";
          case COUNT_TOKENS -> "/count-tokens";
          case COMPLETIONS, MESSAGES, RESPONSES -> streaming ? "/converse-stream" : "/converse";
          case MODELS, PASSTHROUGH -> "";
        };
    return prefix + endpoint;
  }

  /** Model ids hold {@code :} and ARNs hold {@code /}; both are escaped in the path. */
  static String encode(String model) {
    return URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public Optional<Translation> translation(AiProvider config, ClientApi api, String model) {
    return BedrockTranslations.of(api)
        .map(
            t ->
                BedrockPromptCaching.apply(
                    config.hasPromptCaching() ? config.getPromptCaching() : null, api, t))
        .map(t -> BedrockGuardrailConfig.apply(config.getBedrock(), api, t));
  }

  /**
   * Without a configured key, SigV4 with the AWS SDK's default chain (environment, profile,
   * container or instance role), as AWS clients do.
   */
  @Override
  public UpstreamCredentials credentials(AiProvider config, String apiKey) {
    if (apiKey != null) {
      return UpstreamCredentials.apiKey(this, config, apiKey);
    }
    String region = config.getBedrock().getRegion();
    if (region.isEmpty()) {
      throw new IllegalArgumentException("backendAuth aws needs a region");
    }
    return new SigV4Credentials(DefaultCredentialsProvider.builder().build(), region, "bedrock");
  }
}
