package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.model.resource.v1.AiProvider;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * What the gateway needs to know about one kind of provider: where it lives, the path of each
 * endpoint, and how it takes an API key. Stateless and thread-safe; one instance per kind,
 * registered in {@link io.agw.gateway.llm.registry.ProviderKind}.
 */
public interface ProviderAdapter {

  /** The wire format of its bodies. */
  Dialect dialect();

  /**
   * The wire format for one model; providers that host several dialects (Vertex AI serves Gemini
   * and Anthropic models, Copilot serves Claude in Anthropic's format) choose by model.
   */
  default Dialect dialect(AiProvider config, String model) {
    return dialect();
  }

  /**
   * The translation of a client of {@code api} calling {@code model} (the model sent upstream) on
   * this configured provider: by the dialect the provider speaks for that model, in the provider's
   * envelope. Empty when the provider has no such endpoint; the client then gets a 400 in its own
   * format.
   */
  Optional<Translation> translation(AiProvider config, ClientApi api, String model);

  /**
   * The credentials of a configured provider whose {@code backendAuth} names no {@code aws} or
   * {@code gcp} policy: the key (null when none is configured) where the provider reads it.
   * Providers that trade the key for a token, sign requests, or find credentials in their
   * environment when no key is configured override this.
   *
   * @throws IllegalArgumentException when the provider cannot work with what is configured
   */
  default UpstreamCredentials credentials(AiProvider config, String apiKey) {
    return apiKey == null
        ? UpstreamCredentials.NONE
        : UpstreamCredentials.apiKey(this, config, apiKey);
  }

  /** {@code gen_ai.provider.name}. */
  String telemetryName();

  /** host:port of the provider's own endpoint (always TLS). */
  String defaultAuthority(AiProvider config);

  /** The path prefix the endpoints hang under, when the config sets no {@code pathPrefix}. */
  String defaultPrefix(AiProvider config, String model);

  /** The query string (without {@code ?}) the endpoints need, or empty. */
  default String query(AiProvider config) {
    return "";
  }

  /** Puts the API key where this provider reads it. */
  void authenticate(HttpHeaders headers, String key);

  /** Puts the API key where this configured provider reads it (custom providers choose). */
  default void authenticate(AiProvider config, HttpHeaders headers, String key) {
    authenticate(headers, key);
  }

  /** {@code gen_ai.provider.name} of a configured provider (custom providers may rename it). */
  default String telemetryName(AiProvider config) {
    return telemetryName();
  }

  /** Headers the provider requires that a client of another dialect would not send. */
  default void requiredHeaders(HttpHeaders headers) {}

  /**
   * The full upstream path for {@code api}: the prefix plus the endpoint.
   *
   * @param streaming whether the client asked for a stream; providers with a separate streaming
   *     endpoint (Gemini, Bedrock) choose it here
   */
  default String path(AiProvider config, ClientApi api, String model, boolean streaming) {
    String prefix =
        config.getPathPrefix().isEmpty() ? defaultPrefix(config, model) : config.getPathPrefix();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + api.suffix();
  }
}
