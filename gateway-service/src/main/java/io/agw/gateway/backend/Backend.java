package io.agw.gateway.backend;

import io.agw.gateway.llm.backend.LlmBackend;
import io.agw.gateway.mcp.McpService;
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
 * @param llm for an {@code ai} backend, its providers (each with its own upstream); null otherwise
 * @param mcp for an {@code mcp} backend, its targets and federation; null otherwise
 */
public record Backend(
    String key,
    String name,
    URI base,
    HttpClient client,
    List<java.util.function.Consumer<HttpHeaders>> requestHeaders,
    LlmBackend llm,
    McpService mcp) {

  /** An LLM or plain backend. */
  public Backend(
      String key,
      String name,
      URI base,
      HttpClient client,
      List<java.util.function.Consumer<HttpHeaders>> requestHeaders,
      LlmBackend llm) {
    this(key, name, base, client, requestHeaders, llm, null);
  }

  /** A plain HTTP backend. */
  public Backend(
      String key,
      String name,
      URI base,
      HttpClient client,
      List<java.util.function.Consumer<HttpHeaders>> requestHeaders) {
    this(key, name, base, client, requestHeaders, null, null);
  }

  /** The exchange attribute that holds the backend chosen for the current attempt. */
  public static final String ATTRIBUTE = Backend.class.getName();

  /** host:port as a Host header value. */
  public String authority() {
    return base.getPort() > 0 ? base.getHost() + ":" + base.getPort() : base.getHost();
  }
}
