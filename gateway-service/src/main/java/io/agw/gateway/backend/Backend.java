package io.agw.gateway.backend;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import reactor.netty.http.client.HttpClient;

/**
 * A backend of the current state, ready to receive traffic: where it is, the HTTP client to reach
 * it (with its TLS settings) and the header changes applied to every request it receives.
 * Immutable.
 *
 * @param key the Backend resource's key
 * @param name the backend's name for logs and metrics
 * @param base scheme, host and port of the upstream
 * @param client the client used to reach it
 * @param requestHeaders header changes for requests sent to it, in order
 * @param runtime what answers for a backend the gateway serves itself or spreads over providers:
 *     the LLM providers of an {@code ai} backend, the targets of an {@code mcp} backend; null for a
 *     plain backend. Typed by the feature that set it, read with {@link #runtime(Class)}, so this
 *     package knows none of those features.
 */
public record Backend(
    String key,
    String name,
    URI base,
    HttpClient client,
    List<java.util.function.Consumer<HttpHeaders>> requestHeaders,
    Object runtime) {

  /** A plain HTTP backend. */
  public Backend(
      String key,
      String name,
      URI base,
      HttpClient client,
      List<java.util.function.Consumer<HttpHeaders>> requestHeaders) {
    this(key, name, base, client, requestHeaders, null);
  }

  /** The runtime if it is a {@code type}, else null. */
  public <T> T runtime(Class<T> type) {
    return type.isInstance(runtime) ? type.cast(runtime) : null;
  }

  /** The exchange attribute that holds the backend chosen for the current attempt. */
  public static final String ATTRIBUTE = Backend.class.getName();

  /** host:port as a Host header value. */
  public String authority() {
    return base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost();
  }
}
