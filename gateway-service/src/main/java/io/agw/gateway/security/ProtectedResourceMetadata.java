package io.agw.gateway.security;

import io.agw.gateway.a2a.PublicAddress;
import io.agw.gateway.a2a.PublicAddress.ForwardedHeaders;
import io.agw.model.resource.v1.McpAuthentication;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 protected resource metadata (RFC 9728) of an MCP route with {@code
 * mcpAuthentication}, as the MCP authorization specification asks of an MCP server: served
 * unauthenticated at {@code /.well-known/oauth-protected-resource} followed by the MCP endpoint's
 * path, and named in the {@code resource_metadata} parameter of every 401 challenge. The document
 * has {@code resource} (the endpoint's public URL) and {@code authorization_servers} (the issuer)
 * unless the configured {@code resourceMetadata} gives them, then every configured field. Public
 * URLs come from the request's scheme and {@code Host}, replaced by {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Port} as for A2A agent cards ({@link
 * PublicAddress}); {@code X-Forwarded-Prefix} is not applied, because the well-known path sits at
 * the root of the host, in front of any prefix. Immutable; thread-safe.
 */
public final class ProtectedResourceMetadata {

  /** The route metadata key under which a route with {@code mcpAuthentication} holds this. */
  public static final String ROUTE_METADATA = ProtectedResourceMetadata.class.getName();

  /** The well-known path prefix of RFC 9728. */
  public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String issuer;
  private final Map<String, Object> configured;

  public ProtectedResourceMetadata(McpAuthentication policy) {
    this.issuer = policy.getProvider().getIssuer();
    Map<String, Object> fields = new LinkedHashMap<>();
    policy
        .getResourceMetadata()
        .getFieldsMap()
        .forEach((k, v) -> fields.put(k, ProtoValues.toPlain(v)));
    this.configured = Collections.unmodifiableMap(fields);
  }

  /**
   * The path of the protected resource named by a metadata request path: {@code
   * /.well-known/oauth-protected-resource/mcp} names {@code /mcp}, the bare well-known path names
   * the root ({@code ""}); empty when {@code path} is not a metadata path.
   */
  public static Optional<String> resourcePath(String path) {
    if (path.equals(WELL_KNOWN)) {
      return Optional.of("");
    }
    if (path.startsWith(WELL_KNOWN + "/")) {
      return Optional.of(normalize(path.substring(WELL_KNOWN.length())));
    }
    return Optional.empty();
  }

  /** The document for the resource at {@code resourcePath} on the host the request names. */
  Map<String, Object> document(ServerHttpRequest request, String resourcePath) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("resource", origin(request) + normalize(resourcePath));
    doc.put("authorization_servers", List.of(issuer));
    doc.putAll(configured);
    return doc;
  }

  /** The URL of the metadata of the MCP endpoint {@code request} was sent to. */
  static String metadataUrl(ServerHttpRequest request) {
    return origin(request) + WELL_KNOWN + normalize(request.getPath().value());
  }

  /** The configured {@code scopes_supported}, space-separated, or null when there are none. */
  String scopes() {
    Object scopes = configured.get("scopes_supported");
    if (scopes instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(s -> s instanceof String)) {
      return String.join(" ", list.stream().map(String.class::cast).toList());
    }
    return null;
  }

  /**
   * Answers a metadata request: the document as JSON to GET and HEAD, an open CORS preflight to
   * OPTIONS (browser-based MCP clients fetch it from another origin), 405 otherwise.
   */
  public Mono<Void> serve(ServerWebExchange exchange, String resourcePath) {
    ServerHttpRequest request = exchange.getRequest();
    ServerHttpResponse response = exchange.getResponse();
    HttpHeaders headers = response.getHeaders();
    headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    HttpMethod method = request.getMethod();
    if (HttpMethod.OPTIONS.equals(method)) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "*");
      headers.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
      response.setStatusCode(HttpStatus.NO_CONTENT);
      return response.setComplete();
    }
    if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
      headers.set(HttpHeaders.ALLOW, "GET, HEAD, OPTIONS");
      response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
      return response.setComplete();
    }
    byte[] body =
        JSON.writeValueAsString(document(request, resourcePath)).getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(HttpStatus.OK);
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setContentLength(body.length);
    if (HttpMethod.HEAD.equals(method)) {
      return response.setComplete();
    }
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  private static String origin(ServerHttpRequest request) {
    HttpHeaders h = request.getHeaders();
    try {
      return PublicAddress.from(
              request.getURI(),
              h.getFirst(HttpHeaders.HOST),
              new ForwardedHeaders(
                  h.getFirst("X-Forwarded-Proto"),
                  h.getFirst("X-Forwarded-Host"),
                  h.getFirst("X-Forwarded-Port"),
                  null),
              null)
          .origin();
    } catch (IllegalArgumentException e) {
      // The server always sees an absolute URI; keep whatever it has rather than fail the answer.
      return request.getURI().getScheme() + "://" + request.getURI().getRawAuthority();
    }
  }

  /** Without trailing slashes, so that {@code /} is the root ({@code ""}). */
  private static String normalize(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
