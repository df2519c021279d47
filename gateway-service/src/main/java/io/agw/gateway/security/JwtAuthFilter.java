package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.JwtAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code jwtAuth} policy: tokens are verified by a {@link JwtVerifier} (Spring Security's
 * reactive Nimbus decoder per trusted issuer: signature, expiry, not-before, issuer, audiences and
 * required claims). A valid token sets the caller's claims. Modes: strict needs a valid token;
 * optional refuses an invalid token but lets a request without one pass; permissive never refuses.
 * Failures answer 401 with a {@code Bearer} challenge; the token itself is never logged. Immutable;
 * thread-safe.
 */
public final class JwtAuthFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthFilter.class);

  private final JwtVerifier verifier;
  private final AuthMode mode;
  private final CredentialLocator locator;

  public JwtAuthFilter(JwtAuth policy, JwkSources keys, CelEnvironment cel) {
    this.mode = policy.getMode();
    this.locator = CredentialLocator.of(policy.hasLocation(), policy.getLocation(), "Bearer ", cel);
    this.verifier = new JwtVerifier(policy.getProvidersList(), keys);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String token = locator.find(exchange);
    if (token == null) {
      return mode == AuthMode.AUTH_MODE_STRICT
          ? AuthFailure.unauthorized(exchange, "Bearer realm=\"agw\"", "a bearer token is required")
          : chain.filter(exchange);
    }
    return verifier
        .verify(token)
        .map(jwt -> new Verified(jwt, null))
        .onErrorResume(
            JwtException.class,
            e -> {
              log.debug("JWT refused: {}", e.getMessage());
              return Mono.just(new Verified(null, reason(e)));
            })
        .flatMap(
            verified -> {
              if (verified.jwt() == null) {
                return invalid(exchange, chain, verified.reason());
              }
              JwtVerifier.authenticated(exchange, verified.jwt(), token);
              return chain.filter(exchange);
            });
  }

  /** What a client is told: the untrusted issuer by name of the case, anything else generically. */
  static String reason(JwtException e) {
    return e.getMessage() != null && e.getMessage().startsWith("the token's issuer")
        ? e.getMessage()
        : "the token is invalid or expired";
  }

  /** A verification outcome: the token, or why it was refused. */
  record Verified(Jwt jwt, String reason) {}

  private Mono<Void> invalid(ServerWebExchange exchange, GatewayFilterChain chain, String reason) {
    if (mode == AuthMode.AUTH_MODE_PERMISSIVE) {
      return chain.filter(exchange);
    }
    return AuthFailure.unauthorized(
        exchange,
        "Bearer realm=\"agw\", error=\"invalid_token\", error_description="
            + AuthFailure.quote(reason),
        reason);
  }

  @Override
  public String toString() {
    return "JwtAuth[" + verifier.issuers() + ", " + mode + "]";
  }
}
