package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.McpAuthentication;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code mcpAuthentication} policy: the JWT of an MCP route, verified like {@code jwtAuth}'s
 * ({@link JwtVerifier}), whose claims become the caller's {@code jwt} (read by {@code
 * mcpAuthorization} rules). A refusal is 401 with {@code WWW-Authenticate: Bearer
 * resource_metadata="..."} naming the route's protected resource metadata (plus {@code
 * error="invalid_token"} when a token was sent, and {@code scope} when scopes are configured), so
 * that an MCP client can start its OAuth flow, and a JSON-RPC error body (id {@code null}: the
 * request is refused before it is read). Modes: strict needs a valid token; optional refuses an
 * invalid token only; permissive never refuses. Immutable; thread-safe.
 */
final class McpAuthenticationFilter implements GatewayFilter {

  /** JSON-RPC code of the refusal: in the range JSON-RPC leaves to servers. */
  static final int UNAUTHORIZED_CODE = -32001;

  private static final Logger log = LoggerFactory.getLogger(McpAuthenticationFilter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JwtVerifier verifier;
  private final AuthMode mode;
  private final CredentialLocator locator;
  private final ProtectedResourceMetadata metadata;

  McpAuthenticationFilter(McpAuthentication policy, JwkSources keys, CelEnvironment cel) {
    this.mode = policy.getMode();
    this.locator = CredentialLocator.of(policy.hasLocation(), policy.getLocation(), "Bearer ", cel);
    this.verifier = new JwtVerifier(List.of(policy.getProvider()), keys);
    this.metadata = new ProtectedResourceMetadata(policy);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String token = locator.find(exchange);
    if (token == null) {
      return mode == AuthMode.AUTH_MODE_STRICT
          ? unauthorized(exchange, null, "Unauthorized: a bearer token is required")
          : chain.filter(exchange);
    }
    return verifier
        .verify(token)
        .map(jwt -> new JwtAuthFilter.Verified(jwt, null))
        .onErrorResume(
            JwtException.class,
            e -> {
              log.debug("MCP token refused: {}", e.getMessage());
              return Mono.just(new JwtAuthFilter.Verified(null, JwtAuthFilter.reason(e)));
            })
        .flatMap(
            verified -> {
              if (verified.jwt() == null) {
                return mode == AuthMode.AUTH_MODE_PERMISSIVE
                    ? chain.filter(exchange)
                    : unauthorized(
                        exchange, verified.reason(), "Unauthorized: " + verified.reason());
              }
              JwtVerifier.authenticated(exchange, verified.jwt(), token);
              return chain.filter(exchange);
            });
  }

  /** The challenge: {@code invalidReason} is null when no token was sent. */
  String challenge(ServerWebExchange exchange, String invalidReason) {
    StringBuilder c = new StringBuilder("Bearer resource_metadata=");
    c.append(AuthFailure.quote(ProtectedResourceMetadata.metadataUrl(exchange.getRequest())));
    String scopes = metadata.scopes();
    if (scopes != null) {
      c.append(", scope=").append(AuthFailure.quote(scopes));
    }
    if (invalidReason != null) {
      c.append(", error=\"invalid_token\", error_description=")
          .append(AuthFailure.quote(invalidReason));
    }
    return c.toString();
  }

  private Mono<Void> unauthorized(
      ServerWebExchange exchange, String invalidReason, String message) {
    exchange.getAttributes().put(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE, Boolean.TRUE);
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(exchange, invalidReason));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", null);
    body.put("error", Map.of("code", UNAUTHORIZED_CODE, "message", message));
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().setContentLength(bytes.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
  }

  @Override
  public String toString() {
    return "McpAuthentication[" + verifier.issuers() + ", " + mode + "]";
  }
}
