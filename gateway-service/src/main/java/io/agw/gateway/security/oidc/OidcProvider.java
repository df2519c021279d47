package io.agw.gateway.security.oidc;

import io.agw.gateway.security.JwtVerifier;
import io.agw.model.resource.v1.TokenEndpointAuth;

/**
 * A provider as the policy uses it, once discovered (or as configured explicitly).
 *
 * @param idTokens verifies ID tokens: signature by the provider's JWKS, {@code iss}, {@code aud}
 *     (the client id), {@code exp}
 */
record OidcProvider(
    String authorizationEndpoint,
    String tokenEndpoint,
    TokenEndpointAuth tokenEndpointAuth,
    JwtVerifier idTokens) {}
