package io.agw.model.config.mapping;

import io.agw.model.config.yaml.AuthLocationYaml;
import io.agw.model.config.yaml.CrossAppAccessYaml;
import io.agw.model.config.yaml.OAuthClientAuthYaml;
import io.agw.model.config.yaml.OAuthTokenCacheYaml;
import io.agw.model.config.yaml.OAuthTokenExchangeYaml;
import io.agw.model.config.yaml.OAuthTokenSpecYaml;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.CrossAppAccess;
import io.agw.model.resource.v1.OAuthClientAuth;
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
  private final SecretMapper secrets;

  OAuthTokenExchangeMapper(MappingContext ctx, SecretMapper secrets) {
    this.ctx = ctx;
    this.secrets = secrets;
  }

  Optional<OAuthTokenExchange> tokenExchange(String path, OAuthTokenExchangeYaml yaml) {
    OAuthTokenExchange.Builder b = OAuthTokenExchange.newBuilder();
    OAuthEndpoint.Builder endpoint =
        endpoint(path, yaml.host(), yaml.backend(), yaml.service(), yaml.policies(), yaml.path());
    if (yaml.clientAuth() != null) {
      clientAuth(path + ".clientAuth", yaml.clientAuth()).ifPresent(endpoint::setClientAuth);
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
        endpoint(path, yaml.host(), yaml.backend(), yaml.service(), yaml.policies(), yaml.path());
    if (ctx.require(path + ".clientAuth", yaml.clientAuth())) {
      clientAuth(path + ".clientAuth", yaml.clientAuth()).ifPresent(b::setClientAuth);
    }
    return b.build();
  }

  private OAuthEndpoint.Builder endpoint(
      String path, String host, String backend, Object service, Object policies, String tokenPath) {
    OAuthEndpoint.Builder b = OAuthEndpoint.newBuilder();
    int targets = (host != null ? 1 : 0) + (backend != null ? 1 : 0) + (service != null ? 1 : 0);
    if (targets != 1) {
      ctx.error(path, "set the token endpoint's host (host:port or https://host)");
    } else if (backend != null) {
      ctx.error(
          path + ".backend",
          "a backend reference as the token endpoint is not supported yet; use host");
    } else if (service != null) {
      ctx.error(
          path + ".service",
          "service targets are not supported yet (services and workloads: issue 19); use host");
    } else {
      host(path + ".host", host, b);
    }
    if (policies != null) {
      ctx.error(
          path + ".policies",
          "policies for the call to the token endpoint are not supported yet; write https://host"
              + " for TLS");
    }
    if (tokenPath != null && !tokenPath.isEmpty()) {
      if (!tokenPath.startsWith("/")) {
        ctx.error(path + ".path", "must start with /");
      }
      b.setPath(tokenPath);
    }
    return b;
  }

  /** {@code host:port}, or {@code http(s)://host[:port]} (port 80 or 443 when omitted). */
  private void host(String path, String text, OAuthEndpoint.Builder b) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      try {
        HostPort hp = HostPort.parse(text);
        b.setHost(authority(hp.host(), hp.port()));
      } catch (IllegalArgumentException e) {
        ctx.error(path, e.getMessage());
      }
      return;
    }
    try {
      URI uri = new URI(text);
      String rawPath = uri.getRawPath();
      if (uri.getHost() == null
          || uri.getUserInfo() != null
          || uri.getQuery() != null
          || uri.getFragment() != null
          || (rawPath != null && !rawPath.isEmpty() && !rawPath.equals("/"))) {
        ctx.error(path, "write the token endpoint as https://host[:port] and its path in path");
        return;
      }
      boolean tls = uri.getScheme().equalsIgnoreCase("https");
      int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
      String name = uri.getHost().replace("[", "").replace("]", "");
      b.setHost(authority(name, port)).setTls(tls);
    } catch (URISyntaxException e) {
      ctx.error(path, "'" + text + "' is not a valid https://host[:port]");
    }
  }

  private static String authority(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private Optional<OAuthClientAuth> clientAuth(String path, OAuthClientAuthYaml yaml) {
    if (yaml.signingKey() != null
        || yaml.certificate() != null
        || yaml.certificateHeader() != null
        || yaml.alg() != null
        || yaml.kid() != null
        || yaml.assertionAudience() != null
        || "privateKeyJwt".equals(yaml.method())) {
      ctx.error(path, "privateKeyJwt client authentication is not supported yet");
      return Optional.empty();
    }
    OAuthClientAuth.Builder b = OAuthClientAuth.newBuilder();
    boolean ok = ctx.require(path + ".clientId", yaml.clientId());
    if (ok) {
      b.setClientId(yaml.clientId());
    }
    boolean post = false;
    if (yaml.method() != null) {
      switch (yaml.method()) {
        case "clientSecretBasic" -> b.setMethod(OAuthClientAuth.Method.METHOD_CLIENT_SECRET_BASIC);
        case "clientSecretPost" -> {
          b.setMethod(OAuthClientAuth.Method.METHOD_CLIENT_SECRET_POST);
          post = true;
        }
        default -> {
          ctx.error(
              path + ".method",
              "unknown method '"
                  + yaml.method()
                  + "'; use clientSecretBasic, clientSecretPost or privateKeyJwt");
          ok = false;
        }
      }
    }
    if (yaml.clientSecret() == null) {
      if (!post) {
        ctx.error(path + ".clientSecret", "required for clientSecretBasic");
        ok = false;
      }
    } else {
      Optional<io.agw.model.resource.v1.SecretSource> secret =
          secrets.secret(path + ".clientSecret", yaml.clientSecret());
      ok &= secret.isPresent();
      secret.ifPresent(b::setClientSecret);
    }
    return ok ? Optional.of(b.build()) : Optional.empty();
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
