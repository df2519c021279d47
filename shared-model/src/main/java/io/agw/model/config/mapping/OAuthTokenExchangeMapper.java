package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AuthLocationYaml;
import io.agw.model.config.yaml.CrossAppAccessYaml;
import io.agw.model.config.yaml.OAuthTokenCacheYaml;
import io.agw.model.config.yaml.OAuthTokenExchangeYaml;
import io.agw.model.config.yaml.OAuthTokenSpecYaml;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.CrossAppAccess;
import io.agw.model.resource.v1.OAuthEndpoint;
import io.agw.model.resource.v1.OAuthTokenCache;
import io.agw.model.resource.v1.OAuthTokenExchange;
import io.agw.model.resource.v1.OAuthTokenSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps {@code backendAuth.oauthTokenExchange} and {@code backendAuth.crossAppAccess} with
 * agentgateway's rules: a token endpoint given as {@code host} ({@code host:port}, or {@code
 * https://host[:port]} for TLS), {@code path} starting with {@code /}, no {@code
 * requestedTokenType} or {@code actorToken} with the JWT bearer grant, {@code additionalParams}
 * that never override the grant's own parameters, and the crossAppAccess requirements (both
 * endpoints with client credentials, a non-empty {@code audience}). What is not supported yet
 * ({@code backend} and {@code service} targets, endpoint {@code policies}, {@code privateKeyJwt},
 * {@code enforceMayAct}, query and cookie token locations) is refused with its path.
 */
final class OAuthTokenExchangeMapper {

  static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
  static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
  static final String ID_JAG = "urn:ietf:params:oauth:token-type:id-jag";

  private static final Set<String> REQUESTABLE = Set.of(ACCESS_TOKEN, JWT, ID_TOKEN);

  /** The form parameters the grant itself sends (agentgateway's reserved list). */
  private static final Set<String> RESERVED =
      Set.of(
          "grant_type",
          "subject_token",
          "subject_token_type",
          "actor_token",
          "actor_token_type",
          "assertion",
          "audience",
          "resource",
          "scope",
          "requested_token_type",
          "client_id",
          "client_secret",
          "client_assertion",
          "client_assertion_type");

  private final MappingContext ctx;
  private final OAuthEndpointMapper endpoints;

  OAuthTokenExchangeMapper(MappingContext ctx, SecretMapper secrets) {
    this.ctx = ctx;
    this.endpoints = new OAuthEndpointMapper(ctx, secrets);
  }

  Optional<OAuthTokenExchange> tokenExchange(String path, OAuthTokenExchangeYaml yaml) {
    OAuthTokenExchange.Builder b = OAuthTokenExchange.newBuilder();
    OAuthEndpoint.Builder endpoint =
        endpoints.endpoint(
            path, yaml.host(), yaml.backend(), yaml.service(), yaml.policies(), yaml.path());
    if (yaml.clientAuth() != null) {
      endpoints
          .clientAuth(path + ".clientAuth", yaml.clientAuth())
          .ifPresent(endpoint::setClientAuth);
    }
    b.setEndpoint(endpoint);
    boolean jwtBearer = false;
    if (yaml.grantType() != null) {
      switch (yaml.grantType()) {
        case "tokenExchange" ->
            b.setGrantType(OAuthTokenExchange.GrantType.GRANT_TYPE_TOKEN_EXCHANGE);
        case "jwtBearer" -> {
          b.setGrantType(OAuthTokenExchange.GrantType.GRANT_TYPE_JWT_BEARER);
          jwtBearer = true;
        }
        default ->
            ctx.error(
                path + ".grantType",
                "unknown grant type '" + yaml.grantType() + "'; use tokenExchange or jwtBearer");
      }
    }
    if (yaml.subjectToken() != null) {
      tokenSpec(path + ".subjectToken", yaml.subjectToken(), false, ACCESS_TOKEN)
          .ifPresent(b::setSubjectToken);
    }
    if (yaml.actorToken() != null) {
      if (jwtBearer) {
        ctx.error(path + ".actorToken", "only valid with the tokenExchange grant");
      } else {
        tokenSpec(path + ".actorToken", yaml.actorToken(), true, ACCESS_TOKEN)
            .ifPresent(b::setActorToken);
      }
    }
    b.addAllAudiences(MappingContext.list(yaml.audiences()));
    b.addAllScopes(MappingContext.list(yaml.scopes()));
    b.addAllResources(MappingContext.list(yaml.resources()));
    if (yaml.requestedTokenType() != null) {
      String at = path + ".requestedTokenType";
      if (jwtBearer) {
        ctx.error(at, "only valid with the tokenExchange grant");
      } else if (yaml.requestedTokenType().equals(ID_JAG)) {
        ctx.error(at, "id-jag is only supported by backendAuth.crossAppAccess");
      } else if (!REQUESTABLE.contains(yaml.requestedTokenType())) {
        ctx.error(
            at,
            "unsupported requested token type '"
                + yaml.requestedTokenType()
                + "'; use "
                + ACCESS_TOKEN
                + ", "
                + JWT
                + " or "
                + ID_TOKEN);
      } else {
        b.setRequestedTokenType(yaml.requestedTokenType());
      }
    }
    if (yaml.additionalParams() != null) {
      Map<String, String> params = new TreeMap<>();
      yaml.additionalParams()
          .forEach(
              (name, expression) -> {
                String at = path + ".additionalParams." + name;
                if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                  ctx.error(at, "overrides a parameter of the grant itself");
                } else if (expression == null) {
                  ctx.error(at, "a CEL expression is required");
                } else {
                  ctx.checkCel(at, expression);
                  params.put(name, expression);
                }
              });
      b.putAllAdditionalParams(params);
    }
    if (yaml.authorizationLocation() != null) {
      String at = path + ".authorizationLocation";
      AuthLocationYaml location = yaml.authorizationLocation();
      if (location.expression() != null) {
        ctx.error(at + ".expression", "an expression can read a token but cannot place one");
      } else if (location.queryParameter() != null || location.cookie() != null) {
        ctx.error(at, "not supported yet; the exchanged token goes in a header");
      } else {
        new AuthPolicyMapper(ctx).location(at, location).ifPresent(b::setAuthorizationLocation);
      }
    }
    if (yaml.cache() != null) {
      cache(path + ".cache", yaml.cache()).ifPresent(b::setCache);
    }
    return ctx.hasErrorsAt(path) ? Optional.empty() : Optional.of(b.build());
  }

  Optional<CrossAppAccess> crossAppAccess(String path, CrossAppAccessYaml yaml) {
    CrossAppAccess.Builder b = CrossAppAccess.newBuilder();
    if (ctx.require(path + ".identityProvider", yaml.identityProvider())) {
      b.setIdentityProvider(crossAppEndpoint(path + ".identityProvider", yaml.identityProvider()));
    }
    if (ctx.require(path + ".resourceAuthorizationServer", yaml.resourceAuthorizationServer())) {
      b.setResourceAuthorizationServer(
          crossAppEndpoint(
              path + ".resourceAuthorizationServer", yaml.resourceAuthorizationServer()));
    }
    if (ctx.require(path + ".audience", yaml.audience())) {
      if (yaml.audience().isBlank()) {
        ctx.error(path + ".audience", "must not be empty");
      }
      b.setAudience(yaml.audience());
    }
    b.addAllResources(MappingContext.list(yaml.resources()));
    b.addAllScopes(MappingContext.list(yaml.scopes()));
    if (yaml.accessTokenScopes() != null) {
      b.setAccessTokenScopesSet(true).addAllAccessTokenScopes(yaml.accessTokenScopes());
    }
    if (yaml.subjectToken() != null) {
      String at = path + ".subjectToken";
      if (ID_JAG.equals(yaml.subjectToken().tokenType())) {
        ctx.error(at + ".tokenType", "an id-jag cannot be the subject token");
      } else {
        tokenSpec(at, yaml.subjectToken(), false, ID_TOKEN).ifPresent(b::setSubjectToken);
      }
    }
    if (yaml.cache() != null) {
      cache(path + ".cache", yaml.cache()).ifPresent(b::setCache);
    }
    return ctx.hasErrorsAt(path) ? Optional.empty() : Optional.of(b.build());
  }

  private OAuthEndpoint crossAppEndpoint(String path, CrossAppAccessYaml.Endpoint yaml) {
    OAuthEndpoint.Builder b =
        endpoints.endpoint(
            path, yaml.host(), yaml.backend(), yaml.service(), yaml.policies(), yaml.path());
    if (ctx.require(path + ".clientAuth", yaml.clientAuth())) {
      endpoints.clientAuth(path + ".clientAuth", yaml.clientAuth()).ifPresent(b::setClientAuth);
    }
    return b.build();
  }

  private Optional<OAuthTokenSpec> tokenSpec(
      String path, OAuthTokenSpecYaml yaml, boolean actor, String defaultType) {
    OAuthTokenSpec.Builder b = OAuthTokenSpec.newBuilder().setTokenType(defaultType);
    boolean ok = true;
    if (yaml.enforceMayAct() != null && yaml.enforceMayAct()) {
      ctx.error(path + ".enforceMayAct", "not supported yet");
      ok = false;
    } else if (yaml.enforceMayAct() != null && !actor) {
      ctx.error(path + ".enforceMayAct", "belongs to actorToken");
      ok = false;
    }
    if (yaml.source() == null) {
      if (actor) {
        ctx.error(path + ".source", "required field is missing (an actor token has no default)");
        ok = false;
      }
    } else if (yaml.source().queryParameter() != null || yaml.source().cookie() != null) {
      ctx.error(path + ".source", "not supported yet; read the token from a header or expression");
      ok = false;
    } else {
      Optional<CredentialLocation> source =
          new AuthPolicyMapper(ctx).location(path + ".source", yaml.source());
      ok &= source.isPresent();
      source.ifPresent(b::setSource);
    }
    if (yaml.tokenType() != null) {
      if (isAbsoluteUri(yaml.tokenType())) {
        b.setTokenType(yaml.tokenType());
      } else {
        ctx.error(
            path + ".tokenType",
            "a token type is an absolute URI without a fragment, such as " + ACCESS_TOKEN);
        ok = false;
      }
    }
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  private Optional<OAuthTokenCache> cache(String path, OAuthTokenCacheYaml yaml) {
    OAuthTokenCache.Builder b = OAuthTokenCache.newBuilder();
    if (yaml.maxEntries() != null) {
      if (yaml.maxEntries() < 0) {
        ctx.error(path + ".maxEntries", "must be 0 (no cache) or more");
        return Optional.empty();
      }
      b.setMaxEntries(yaml.maxEntries());
    }
    ctx.duration(path + ".defaultTtl", yaml.defaultTtl()).ifPresent(b::setDefaultTtl);
    return Optional.of(b.build());
  }

  private static boolean isAbsoluteUri(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
