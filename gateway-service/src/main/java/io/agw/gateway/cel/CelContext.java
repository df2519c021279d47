package io.agw.gateway.cel;

import dev.cel.runtime.CelVariableResolver;
import io.agw.gateway.backend.Backend;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.identity.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The CEL variables of one exchange, built lazily: a variable is computed the first time an
 * expression reads it and kept for the rest of the evaluation. A family that this exchange does not
 * have (no JWT, no LLM call) is an empty map, so {@code has(jwt.sub)} is false and {@code jwt.sub}
 * is an evaluation error. Not thread-safe: one instance per evaluation site.
 */
public final class CelContext implements CelVariableResolver {

  /** Attribute where the MCP runtime puts the {@code mcp} variable (a map of CEL values). */
  public static final String MCP_ATTRIBUTE = "io.agw.gateway.cel.mcp";

  /**
   * Attribute where the extAuthz policy puts the {@code extauthz} variable (a map of CEL values):
   * the service's dynamic metadata (gRPC) or the values of its {@code metadata} (HTTP).
   */
  public static final String EXTAUTHZ_ATTRIBUTE = "io.agw.gateway.cel.extauthz";

  /**
   * Attribute where the extProc policy puts the {@code extproc} variable (a map of CEL values): the
   * processing service's dynamic metadata from its request-side answers.
   */
  public static final String EXTPROC_ATTRIBUTE = "io.agw.gateway.cel.extproc";

  /**
   * Attribute holding the {@code metadata} variable: the values {@code transformations} set (the
   * {@code metadata} of a transform), by name, in a mutable map. Read live, so that an expression
   * evaluated after a value is set sees it.
   */
  public static final String METADATA_ATTRIBUTE = "io.agw.gateway.cel.metadata";

  private final ServerWebExchange exchange;
  private final ServerHttpRequest clientRequest;
  private final byte[] requestBody;
  private final ResponseView response;
  private final Map<String, Object> values = new HashMap<>();

  /**
   * The response as seen by response-phase expressions.
   *
   * @param status the status code
   * @param headers the response headers
   * @param body the buffered body, or null when not buffered
   */
  public record ResponseView(int status, HttpHeaders headers, byte[] body) {}

  private CelContext(
      ServerWebExchange exchange,
      ServerHttpRequest clientRequest,
      byte[] requestBody,
      ResponseView response) {
    this.exchange = exchange;
    this.clientRequest = clientRequest;
    this.requestBody = requestBody;
    this.response = response;
  }

  /** Variables for the request phase; {@code requestBody} is null when not buffered. */
  public static CelContext request(ServerWebExchange exchange, byte[] requestBody) {
    return new CelContext(exchange, exchange.getRequest(), requestBody, null);
  }

  /**
   * Variables for a later point of the request phase (after the backend is chosen and the LLM
   * request parsed) that still show the request as an earlier filter saw it: by then the exchange's
   * request may already be the one prepared for the upstream (other headers, a translated body).
   *
   * @param clientRequest the request as it was when {@code requestBody} was read
   */
  public static CelContext request(
      ServerWebExchange exchange, ServerHttpRequest clientRequest, byte[] requestBody) {
    return new CelContext(exchange, clientRequest, requestBody, null);
  }

  /** Variables for the response phase. */
  public static CelContext response(
      ServerWebExchange exchange, byte[] requestBody, ResponseView response) {
    return new CelContext(exchange, exchange.getRequest(), requestBody, response);
  }

  /**
   * Sets {@code llmRequest}, the client's parsed LLM request as CEL values (read by the headers of
   * a prompt guard webhook); everywhere else it is an empty map.
   */
  public CelContext llmRequest(Object llmRequest) {
    values.put("llmRequest", llmRequest);
    return this;
  }

  @Override
  public Optional<Object> find(String name) {
    if (name.equals("metadata")) {
      Map<String, Object> metadata = exchange.getAttribute(METADATA_ATTRIBUTE);
      return Optional.of(metadata == null ? Map.of() : Map.copyOf(metadata));
    }
    Object value = values.get(name);
    if (value == null) {
      value = compute(name);
      if (value == null) {
        return Optional.empty();
      }
      values.put(name, value);
    }
    return Optional.of(value);
  }

  private Object compute(String name) {
    return switch (name) {
      case "request" -> request();
      case "response" -> response();
      case "source" -> CelIdentity.source(exchange);
      case "jwt" -> CelIdentity.jwt(Caller.of(exchange));
      case "apiKey" -> CelIdentity.apiKey(Caller.of(exchange));
      case "basicAuth" -> CelIdentity.basicAuth(Caller.of(exchange));
      case "llm" -> CelIdentity.llm(exchange.getAttribute(LlmFacts.ATTRIBUTE));
      case "llmRequest" -> Map.of();
      case "backend" -> backend();
      case "mcp" -> {
        Map<String, Object> mcp = exchange.getAttribute(MCP_ATTRIBUTE);
        yield mcp == null ? Map.of() : mcp;
      }
      case "destination" -> destination();
      case "extauthz" -> {
        Map<String, Object> extauthz = exchange.getAttribute(EXTAUTHZ_ATTRIBUTE);
        yield extauthz == null ? Map.of() : extauthz;
      }
      case "extproc" -> {
        Map<String, Object> extproc = exchange.getAttribute(EXTPROC_ATTRIBUTE);
        yield extproc == null ? Map.of() : extproc;
      }
      // Declared so that agentgateway's expressions type-check; this gateway has nothing to put
      // in them yet (no proxy timings).
      case "proxy", "env", "mcpGuardrails" -> Map.of();
      default -> null;
    };
  }

  /** The client's HTTP version as agentgateway writes it: HTTP/1.1 or HTTP/2.0. */
  private static String version(ServerHttpRequest r) {
    Object nativeRequest;
    try {
      nativeRequest = ServerHttpRequestDecorator.getNativeRequest(r);
    } catch (IllegalStateException e) {
      // A request built by the gateway itself (the CEL playground's sample) has no connection.
      return "HTTP/1.1";
    }
    return nativeRequest instanceof HttpServerRequest reactor ? reactor.protocol() : "HTTP/1.1";
  }

  private Map<String, Object> request() {
    ServerHttpRequest r = clientRequest;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", r.getMethod().name());
    m.put("uri", r.getURI().toString());
    String host = r.getHeaders().getFirst(HttpHeaders.HOST);
    m.put("host", host != null ? host : String.valueOf(r.getURI().getHost()));
    m.put("scheme", r.getSslInfo() != null ? "https" : "http");
    m.put("path", r.getPath().value());
    String query = r.getURI().getRawQuery();
    m.put("pathAndQuery", r.getPath().value() + (query == null ? "" : "?" + query));
    m.put("version", version(r));
    m.put("headers", headers(r.getHeaders()));
    if (requestBody != null) {
      m.put("body", new String(requestBody, StandardCharsets.UTF_8));
    }
    return m;
  }

  private Map<String, Object> response() {
    if (response == null) {
      return Map.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", (long) response.status());
    m.put("headers", headers(response.headers()));
    if (response.body() != null) {
      m.put("body", new String(response.body(), StandardCharsets.UTF_8));
    }
    return m;
  }

  /** Where the client connected to: the local address and port, and the requested host name. */
  private Map<String, Object> destination() {
    Map<String, Object> m = new LinkedHashMap<>();
    InetSocketAddress local = exchange.getRequest().getLocalAddress();
    if (local != null) {
      m.put(
          "address",
          local.getAddress() != null ? local.getAddress().getHostAddress() : local.getHostString());
      m.put("port", (long) local.getPort());
    }
    String host = clientRequest.getURI().getHost();
    if (host != null) {
      m.put("hostname", host);
    }
    return m;
  }

  private Map<String, Object> backend() {
    Backend b = exchange.getAttribute(Backend.ATTRIBUTE);
    if (b == null) {
      return Map.of();
    }
    return Map.of("name", b.name(), "type", "static", "protocol", b.base().getScheme());
  }

  /** Header names in lower case; repeated headers joined with commas. */
  static Map<String, Object> headers(HttpHeaders headers) {
    return CelHeaders.of(headers);
  }

  static Optional<InetSocketAddress> remote(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getRequest().getRemoteAddress());
  }
}
