package io.agw.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTParser;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.identity.Caller;
import io.agw.gateway.identity.Caller.JwtIdentity;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.JwtAuth;
import io.agw.model.resource.v1.JwtProvider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code jwtAuth} policy, verified by Spring Security's reactive Nimbus decoder: one decoder
 * per trusted issuer, chosen by the token's (unverified) {@code iss}, which then verifies the
 * signature against that issuer's keys and validates expiry, not-before, issuer, audiences and
 * required claims. A valid token sets the caller's claims. Modes: strict needs a valid token;
 * optional refuses an invalid token but lets a request without one pass; permissive never refuses.
 * Failures answer 401 with a {@code Bearer} challenge; the token itself is never logged. Immutable;
 * thread-safe.
 */
public final class JwtAuthFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthFilter.class);

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.copyOf(
          java.util.Arrays.stream(SignatureAlgorithm.values())
              .map(a -> JWSAlgorithm.parse(a.getName()))
              .toList());

  private final Map<String, ReactiveJwtDecoder> byIssuer = new HashMap<>();
  private final AuthMode mode;
  private final CredentialLocator locator;

  public JwtAuthFilter(JwtAuth policy, JwkSources keys, CelEnvironment cel) {
    this.mode = policy.getMode();
    this.locator = CredentialLocator.of(policy.hasLocation(), policy.getLocation(), "Bearer ", cel);
    for (JwtProvider provider : policy.getProvidersList()) {
      byIssuer.put(provider.getIssuer(), decoder(provider, keys));
    }
  }

  private static ReactiveJwtDecoder decoder(JwtProvider provider, JwkSources keys) {
    // The builder takes one algorithm; the processor's key selector is widened to the asymmetric
    // JWS algorithms (never "none" or HMAC, which a JWKS of public keys cannot verify).
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withJwkSource(keys.source(provider.getJwks()))
            .jwtProcessorCustomizer(
                processor ->
                    processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(
                            ALGORITHMS, new JWKSecurityContextJWKSet())))
            .build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(JwtValidators.createDefaultWithIssuer(provider.getIssuer()));
    if (provider.getAudiencesCount() > 0) {
      List<String> audiences = List.copyOf(provider.getAudiencesList());
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }
    List<String> required =
        provider.hasRequiredClaims()
            ? List.copyOf(provider.getRequiredClaims().getClaimsList())
            : List.of(JwtClaimNames.EXP);
    for (String claim : required) {
      validators.add(new JwtClaimValidator<Object>(claim, value -> value != null));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String token = locator.find(exchange);
    if (token == null) {
      return mode == AuthMode.AUTH_MODE_STRICT
          ? AuthFailure.unauthorized(exchange, "Bearer realm=\"agw\"", "a bearer token is required")
          : chain.filter(exchange);
    }
    ReactiveJwtDecoder decoder = decoderFor(token);
    if (decoder == null) {
      return invalid(exchange, chain, "the token's issuer is not trusted");
    }
    return decoder
        .decode(token)
        .map(Optional::of)
        .onErrorResume(
            JwtException.class,
            e -> {
              log.debug("JWT refused: {}", e.getMessage());
              return Mono.just(Optional.empty());
            })
        .flatMap(
            jwt -> {
              if (jwt.isEmpty()) {
                return invalid(exchange, chain, "the token is invalid or expired");
              }
              exchange
                  .getAttributes()
                  .put(
                      Caller.ATTRIBUTE,
                      Caller.of(exchange).withJwt(new JwtIdentity(jwt.get().getClaims(), token)));
              return chain.filter(exchange);
            });
  }

  private ReactiveJwtDecoder decoderFor(String token) {
    try {
      String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
      return issuer == null ? null : byIssuer.get(issuer);
    } catch (ParseException e) {
      return null;
    }
  }

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
    return "JwtAuth[" + byIssuer.keySet() + ", " + mode + "]";
  }
}
