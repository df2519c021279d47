package io.agw.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTParser;
import io.agw.gateway.identity.Caller;
import io.agw.gateway.identity.Caller.JwtIdentity;
import io.agw.model.resource.v1.JwtProvider;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Verifies JWTs for {@code jwtAuth} and {@code mcpAuthentication} with Spring Security's reactive
 * Nimbus decoder: one decoder per trusted issuer, chosen by the token's (unverified) {@code iss},
 * which then verifies the signature against that issuer's keys and validates expiry, not-before,
 * issuer, audiences (any of them) and required claims (default {@code exp}). Immutable;
 * thread-safe.
 */
public final class JwtVerifier {

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.copyOf(
          Arrays.stream(SignatureAlgorithm.values())
              .map(a -> JWSAlgorithm.parse(a.getName()))
              .toList());

  private final Map<String, ReactiveJwtDecoder> byIssuer = new HashMap<>();

  /**
   * @throws IllegalArgumentException when an inline or file key set cannot be read
   */
  public JwtVerifier(List<JwtProvider> providers, JwkSources keys) {
    for (JwtProvider provider : providers) {
      byIssuer.put(provider.getIssuer(), decoder(provider, keys));
    }
  }

  /**
   * The verified token, or an error ({@link org.springframework.security.oauth2.jwt.JwtException})
   * whose message says why it was refused; the message never contains the token.
   */
  public Mono<Jwt> verify(String token) {
    ReactiveJwtDecoder decoder = decoderFor(token);
    if (decoder == null) {
      return Mono.error(new BadJwtException("the token's issuer is not trusted"));
    }
    return decoder.decode(token);
  }

  /** Records a verified token's claims as the caller's {@code jwt} on {@code exchange}. */
  public static void authenticated(ServerWebExchange exchange, Jwt jwt, String token) {
    exchange
        .getAttributes()
        .put(
            Caller.ATTRIBUTE, Caller.of(exchange).withJwt(new JwtIdentity(jwt.getClaims(), token)));
  }

  Set<String> issuers() {
    return byIssuer.keySet();
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

  private ReactiveJwtDecoder decoderFor(String token) {
    try {
      String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
      return issuer == null ? null : byIssuer.get(issuer);
    } catch (ParseException e) {
      return null;
    }
  }
}
