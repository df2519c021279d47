package io.agw.gateway.admin.api;

import io.agw.gateway.security.JwtVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every call under {@code /api/} on the admin port, except {@code GET} of the OpenAPI
 * description (it holds no secrets) and, when local reads are on, {@code GET}/{@code HEAD} under
 * {@code /api/v1/} from this machine without an {@code Authorization} header ({@link
 * LocalRequest}): {@code Authorization: Bearer <token>} must be the static admin token (compared as
 * SHA-256 digests in constant time) or a JWT of the configured issuer that carries the admin role.
 * 401 with {@code WWW-Authenticate: Bearer} when the credential is missing or not valid, or when no
 * authentication is configured; 403 for a valid JWT without the role. Credentials are never logged
 * nor echoed. Immutable; thread-safe.
 */
final class AdminAuthenticationFilter implements WebFilter, Ordered {

  static final String OPENAPI_PATH = "/api/v1/openapi.yaml";

  private static final String CHALLENGE = "Bearer realm=\"agw-admin\"";
  private static final String BEARER = "bearer ";

  private final byte[] tokenDigest;
  private final JwtVerifier jwts;
  private final AdminApiProperties.Jwt jwt;
  private final boolean localReads;

  /**
   * @param token the static token, or null
   * @param jwts the verifier of admin JWTs, or null when JWTs are not accepted
   * @param localReads whether local reads need no credential
   */
  AdminAuthenticationFilter(
      String token, JwtVerifier jwts, AdminApiProperties.Jwt jwt, boolean localReads) {
    this.tokenDigest = token == null || token.isEmpty() ? null : sha256(token);
    this.jwts = jwts;
    this.jwt = jwt;
    this.localReads = localReads;
  }

  @Override
  public int getOrder() {
    // Before WebFlux's handlers and every other web filter of the admin port.
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    String path = request.getPath().pathWithinApplication().value();
    if (!path.startsWith("/api/")) {
      return chain.filter(exchange);
    }
    if (path.equals(OPENAPI_PATH) && request.getMethod() == HttpMethod.GET) {
      return chain.filter(exchange);
    }
    String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (header == null
        && localReads
        && isRead(request.getMethod())
        && path.startsWith("/api/v1/")
        && LocalRequest.isLocal(request)) {
      // A credential that is sent is still checked, so a wrong token is refused even locally.
      return chain.filter(exchange);
    }
    if (tokenDigest == null && jwts == null) {
      return unauthorized(
          exchange,
          "the admin API has no authentication configured: set agw.admin.token (or"
              + " agw.admin.token-file), or agw.admin.jwt.issuer and agw.admin.jwt.jwks-uri, or"
              + " leave agw.admin.generate-token on");
    }
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return unauthorized(exchange, "an admin bearer token is required");
    }
    String credential = header.substring(BEARER.length()).trim();
    if (tokenDigest != null && MessageDigest.isEqual(tokenDigest, sha256(credential))) {
      return chain.filter(exchange);
    }
    if (jwts == null || credential.chars().filter(c -> c == '.').count() != 2) {
      return unauthorized(exchange, "the admin token is not valid");
    }
    return jwts.verify(credential)
        .map(token -> hasRole(token) ? Verdict.ADMIN : Verdict.NO_ROLE)
        .onErrorReturn(Verdict.INVALID)
        .defaultIfEmpty(Verdict.INVALID)
        .flatMap(
            verdict ->
                switch (verdict) {
                  case ADMIN -> chain.filter(exchange);
                  case NO_ROLE ->
                      AdminApiErrors.write(
                          exchange,
                          HttpStatus.FORBIDDEN,
                          "forbidden",
                          "the token does not carry the role '"
                              + jwt.role()
                              + "' in claim '"
                              + jwt.roleClaim()
                              + "'");
                  case INVALID -> unauthorized(exchange, "the admin token is not valid");
                });
  }

  private static boolean isRead(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }

  private enum Verdict {
    ADMIN,
    NO_ROLE,
    INVALID
  }

  private boolean hasRole(Jwt token) {
    Object claim = token.getClaims().get(jwt.roleClaim());
    if (claim instanceof Collection<?> roles) {
      return roles.stream().anyMatch(r -> jwt.role().equals(String.valueOf(r)));
    }
    if (claim instanceof String roles) {
      return Arrays.asList(roles.trim().split("\\s+")).contains(jwt.role());
    }
    return false;
  }

  private static Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    return AdminApiErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
