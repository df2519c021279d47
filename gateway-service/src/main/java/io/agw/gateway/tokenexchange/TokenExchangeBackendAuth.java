package io.agw.gateway.tokenexchange;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.security.CredentialLocator;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.CrossAppAccess;
import io.agw.model.resource.v1.OAuthClientAuth;
import io.agw.model.resource.v1.OAuthEndpoint;
import io.agw.model.resource.v1.OAuthTokenCache;
import io.agw.model.resource.v1.OAuthTokenExchange;
import io.agw.model.resource.v1.OAuthTokenSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import reactor.netty.http.client.HttpClient;

/**
 * Builds the token exchange of a backend's {@code backendAuth.oauthTokenExchange} or {@code
 * backendAuth.crossAppAccess} once per state: secrets resolved and CEL compiled then (a missing
 * variable or a bad expression refuses the state), a cache per backend policy. Only plain backends
 * take it: an {@code ai} or {@code mcp} backend sends its requests another way. Thread-safe.
 */
public final class TokenExchangeBackendAuth {

  static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";

  private final CelEnvironment cel;
  private final SecretResolver secrets;
  private final TokenEndpointClient client;
  private final Clock clock;

  public TokenExchangeBackendAuth(
      CelEnvironment cel, SecretResolver secrets, HttpClient http, Clock clock) {
    this.cel = cel;
    this.secrets = secrets;
    this.client = new TokenEndpointClient(http);
    this.clock = clock;
  }

  /** Whether {@code auth} is one of the kinds this class builds. */
  public static boolean handles(BackendAuth auth) {
    return auth.hasOauthTokenExchange() || auth.hasCrossAppAccess();
  }

  /**
   * Adds the exchange to {@code backend}'s credentials.
   *
   * @throws IllegalArgumentException when the backend is not a plain one, a secret cannot be
   *     resolved or an expression does not compile
   */
  public void onBackend(BackendAuth auth, BackendCompilation backend) {
    String kind = auth.hasOauthTokenExchange() ? "oauthTokenExchange" : "crossAppAccess";
    if (backend.resource().getKindCase() != io.agw.model.resource.v1.Backend.KindCase.STATIC) {
      throw new IllegalArgumentException(
          "backend "
              + backend.key()
              + ": backendAuth "
              + kind
              + " is supported on host backends only");
    }
    try {
      backend.addDeferredCredentials(
          auth.hasOauthTokenExchange()
              ? tokenExchange(auth.getOauthTokenExchange())
              : crossAppAccess(auth.getCrossAppAccess()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backend " + backend.key() + ": backendAuth " + kind + ": " + e.getMessage(), e);
    }
  }

  private TokenExchanger tokenExchange(OAuthTokenExchange p) {
    boolean jwtBearer = p.getGrantType() == OAuthTokenExchange.GrantType.GRANT_TYPE_JWT_BEARER;
    String requested = p.getRequestedTokenType().isEmpty() ? null : p.getRequestedTokenType();
    TokenLeg leg =
        new TokenLeg(
            uri(p.getEndpoint()),
            jwtBearer,
            credentials(p.getEndpoint()),
            p.getAudiencesList(),
            p.getScopesList(),
            p.getResourcesList(),
            requested,
            requested);
    Map<String, CelExpression> params = new TreeMap<>();
    p.getAdditionalParamsMap()
        .forEach(
            (name, source) -> {
              CelExpression expression = cel.compile(source);
              if (expression.readsRequestBody() || expression.readsResponseBody()) {
                throw new IllegalArgumentException(
                    "additionalParams." + name + " cannot read a body");
              }
              params.put(name, expression);
            });
    CredentialLocation out = p.getAuthorizationLocation();
    TokenExchanger.Outgoing outgoing =
        p.hasAuthorizationLocation()
            ? new TokenExchanger.Outgoing(out.getHeader().getName(), out.getHeader().getPrefix())
            : new TokenExchanger.Outgoing(HttpHeaders.AUTHORIZATION, "Bearer ");
    return new TokenExchanger(
        client,
        leg,
        null,
        incoming(p.hasSubjectToken(), p.getSubjectToken(), ACCESS_TOKEN),
        p.hasActorToken() ? incoming(true, p.getActorToken(), ACCESS_TOKEN) : null,
        params,
        outgoing,
        cache(p.hasCache(), p.getCache()),
        jwtBearer ? "token (assertion)" : "token");
  }

  private TokenExchanger crossAppAccess(CrossAppAccess p) {
    TokenLeg idp =
        new TokenLeg(
            uri(p.getIdentityProvider()),
            false,
            credentials(p.getIdentityProvider()),
            List.of(p.getAudience()),
            p.getScopesList(),
            p.getResourcesList(),
            TokenLeg.ID_JAG,
            TokenLeg.ID_JAG);
    TokenLeg resource =
        new TokenLeg(
            uri(p.getResourceAuthorizationServer()),
            true,
            credentials(p.getResourceAuthorizationServer()),
            List.of(),
            p.getAccessTokenScopesSet() ? p.getAccessTokenScopesList() : p.getScopesList(),
            List.of(),
            null,
            null);
    return new TokenExchanger(
        client,
        idp,
        resource,
        incoming(p.hasSubjectToken(), p.getSubjectToken(), ID_TOKEN),
        null,
        Map.of(),
        new TokenExchanger.Outgoing(HttpHeaders.AUTHORIZATION, "Bearer "),
        cache(p.hasCache(), p.getCache()),
        "ID token");
  }

  private static URI uri(OAuthEndpoint e) {
    String path = e.getPath().isEmpty() ? "/" : e.getPath();
    return URI.create((e.getTls() ? "https://" : "http://") + e.getHost() + path);
  }

  private TokenLeg.ClientCredentials credentials(OAuthEndpoint e) {
    if (!e.hasClientAuth()) {
      return null;
    }
    OAuthClientAuth a = e.getClientAuth();
    String secret = a.hasClientSecret() ? secrets.resolve(a.getClientSecret()) : null;
    boolean post = a.getMethod() == OAuthClientAuth.Method.METHOD_CLIENT_SECRET_POST;
    if (!post && secret == null) {
      throw new IllegalArgumentException("clientSecretBasic needs a clientSecret");
    }
    return new TokenLeg.ClientCredentials(a.getClientId(), secret, post);
  }

  private TokenExchanger.Incoming incoming(
      boolean present, OAuthTokenSpec spec, String defaultType) {
    CredentialLocation source = spec.getSource();
    boolean located = present && spec.hasSource();
    CredentialLocator locator = CredentialLocator.of(located, source, "Bearer ", cel);
    String header =
        !located
            ? HttpHeaders.AUTHORIZATION
            : source.hasHeader() ? source.getHeader().getName() : null;
    String type = present && !spec.getTokenType().isEmpty() ? spec.getTokenType() : defaultType;
    return new TokenExchanger.Incoming(locator, header, type);
  }

  private TokenCache cache(boolean present, OAuthTokenCache c) {
    int max = present && c.hasMaxEntries() ? c.getMaxEntries() : TokenCache.DEFAULT_MAX_ENTRIES;
    if (max == 0) {
      return null;
    }
    Duration ttl =
        present
                && c.hasDefaultTtl()
                && (c.getDefaultTtl().getSeconds() > 0 || c.getDefaultTtl().getNanos() > 0)
            ? Duration.ofSeconds(c.getDefaultTtl().getSeconds(), c.getDefaultTtl().getNanos())
            : TokenCache.DEFAULT_TTL;
    return new TokenCache(max, ttl, clock);
  }
}
