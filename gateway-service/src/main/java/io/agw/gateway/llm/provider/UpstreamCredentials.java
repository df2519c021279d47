package io.agw.gateway.llm.provider;

import io.agw.model.resource.v1.AiProvider;
import reactor.core.publisher.Mono;

/**
 * How one configured provider proves who the gateway is, applied to every request just before it is
 * sent, once its final URL, headers and body are known. A static API key is the simple case;
 * providers whose credentials are fetched and refreshed (an OAuth token from Google, a Copilot
 * session token) or computed over the request itself (AWS SigV4 signs the method, URL, headers and
 * body) implement this too, so that the request path has one place for all of them.
 *
 * <p>Implementations are built once per provider and config state, are thread-safe, cache what they
 * fetch, and never block the calling (event loop) thread: fetching is done on a scheduler meant for
 * blocking work and exposed as a {@link Mono}.
 */
public interface UpstreamCredentials {

  /** Sends no credentials. */
  UpstreamCredentials NONE = request -> Mono.empty();

  /**
   * Adds the credentials to {@code request}'s headers.
   *
   * @return completes when the headers are set, or fails (the client then gets a 502 in its own
   *     format and the log says why, without the secret)
   */
  Mono<Void> apply(OutboundRequest request);

  /** A static API key placed where the configured provider reads it. */
  static UpstreamCredentials apiKey(ProviderAdapter adapter, AiProvider config, String key) {
    return request -> {
      adapter.authenticate(config, request.headers(), key);
      return Mono.empty();
    };
  }
}
