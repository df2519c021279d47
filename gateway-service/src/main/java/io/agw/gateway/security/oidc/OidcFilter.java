package io.agw.gateway.security.oidc;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.security.JwtVerifier;
import io.agw.model.resource.v1.Oidc;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code oidc} policy on a route. In order, as agentgateway: a GET at the redirect URI's path
 * with {@code state} and {@code code} (or {@code error}) is the provider's callback; a CORS
 * preflight passes; a request with a valid session cookie (sealed, this policy's, unexpired, its ID
 * token verified again) goes on with the token's claims as the caller's {@code jwt}; any other
 * request is redirected (302) to the provider, since this is a browser policy. Every {@code
 * agw_oidc_} cookie is removed before the request goes upstream. Failures answer the gateway's JSON
 * error (see {@link OidcFailure}); no token, code or cookie is logged. Immutable; thread-safe.
 */
public final class OidcFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(OidcFilter.class);

  private final Oidc policy;
  private final String callbackPath;
  private final OidcCookies cookies;
  private final ProviderResolver providers;
  private final LoginFlow flow;

  OidcFilter(
      Oidc policy,
      String clientSecret,
      CookieKeys keys,
      ProviderResolver providers,
      TokenExchange tokens) {
    this.policy = policy;
    URI redirect = URI.create(policy.getRedirectUri());
    this.callbackPath = redirect.getRawPath();
    this.cookies = new OidcCookies(policy.getPolicyId(), "https".equals(redirect.getScheme()));
    this.providers = providers;
    this.flow = new LoginFlow(policy, clientSecret, cookies, keys, providers, tokens);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return Mono.defer(() -> handle(exchange, chain))
        .onErrorResume(
            OidcFailure.class,
            e -> {
              log.debug("oidc: {}", e.getMessage(), e.getCause());
              if (e.getCause() != null) {
                log.warn("oidc: {}: {}", e.getMessage(), e.getCause().toString());
              }
              return PolicyErrors.write(exchange, e.status(), e.type(), e.getMessage());
            });
  }

  private Mono<Void> handle(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    MultiValueMap<String, String> query = request.getQueryParams();
    if (request.getMethod() == HttpMethod.GET
        && request.getURI().getRawPath().equals(callbackPath)
        && query.getFirst("state") != null
        && (query.getFirst("code") != null || query.getFirst("error") != null)) {
      return flow.callback(
          exchange, query.getFirst("state"), query.getFirst("code"), query.getFirst("error"));
    }
    if (isPreflight(request)) {
      return chain.filter(upstream(exchange));
    }
    HttpCookie cookie = request.getCookies().getFirst(cookies.sessionName());
    BrowserSession session = cookie == null ? null : flow.session(cookie.getValue());
    if (session == null) {
      return flow.start(exchange);
    }
    return providers
        .provider()
        .flatMap(provider -> provider.idTokens().verify(session.rawIdToken()))
        .flatMap(
            jwt -> {
              JwtVerifier.authenticated(exchange, jwt, session.rawIdToken());
              return chain.filter(upstream(exchange));
            })
        .onErrorResume(
            JwtException.class,
            e -> {
              log.debug("oidc: session token refused: {}", e.getMessage());
              return flow.start(exchange);
            });
  }

  private static boolean isPreflight(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String method = headers.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    return request.getMethod() == HttpMethod.OPTIONS
        && headers.getOrigin() != null
        && method != null
        && !method.isEmpty();
  }

  private static ServerWebExchange upstream(ServerWebExchange exchange) {
    ServerHttpRequest stripped = OidcCookies.withoutReservedCookies(exchange.getRequest());
    return stripped == exchange.getRequest()
        ? exchange
        : exchange.mutate().request(stripped).build();
  }

  @Override
  public String toString() {
    return "Oidc[" + policy.getIssuer() + ", client " + policy.getClientId() + "]";
  }
}
