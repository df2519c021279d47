package io.agw.model.config.mapping;

import io.agw.model.config.yaml.OidcYaml;
import io.agw.model.config.yaml.SourceYaml;
import io.agw.model.resource.v1.Oidc;
import io.agw.model.resource.v1.OidcDiscovery;
import io.agw.model.resource.v1.TokenEndpointAuth;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Maps the {@code oidc} policy (agentgateway's {@code LocalOidcConfig}) with agentgateway's checks:
 * the explicit endpoints and {@code jwks} are set together or not at all, {@code discovery} and
 * {@code tokenEndpointAuth} only in their mode, and {@code redirectURI} is an absolute http(s) URL
 * with an explicit, non-root path and no query, fragment, user info or dot segments. The policy id
 * is the path the policy was written at: it names the policy's cookies.
 */
final class OidcMapper {

  private final MappingContext ctx;

  OidcMapper(MappingContext ctx) {
    this.ctx = ctx;
  }

  Oidc oidc(String path, OidcYaml yaml) {
    Oidc.Builder b = Oidc.newBuilder().setPolicyId(path);
    if (ctx.require(path + ".issuer", yaml.issuer())) {
      b.setIssuer(yaml.issuer());
    }
    if (ctx.require(path + ".clientId", yaml.clientId()) && !yaml.clientId().isBlank()) {
      b.setClientId(yaml.clientId());
    }
    if (ctx.require(path + ".clientSecret", yaml.clientSecret())) {
      new SecretMapper(ctx)
          .secret(path + ".clientSecret", yaml.clientSecret())
          .ifPresent(b::setClientSecret);
    }
    if (ctx.require(path + ".redirectURI", yaml.redirectUri())) {
      redirectUri(path + ".redirectURI", yaml.redirectUri());
      b.setRedirectUri(yaml.redirectUri());
    }
    Set<String> scopes = new LinkedHashSet<>();
    scopes.add("openid");
    for (int i = 0; i < MappingContext.list(yaml.scopes()).size(); i++) {
      String scope = yaml.scopes().get(i);
      if (scope == null || scope.isBlank() || scope.contains(" ")) {
        ctx.error(path + ".scopes[" + i + "]", "a scope is one non-empty word");
      } else {
        scopes.add(scope);
      }
    }
    b.addAllScopes(scopes);
    provider(path, yaml, b);
    return b.build();
  }

  private void provider(String path, OidcYaml yaml, Oidc.Builder b) {
    int explicit =
        (yaml.authorizationEndpoint() != null ? 1 : 0)
            + (yaml.tokenEndpoint() != null ? 1 : 0)
            + (yaml.jwks() != null ? 1 : 0);
    if (yaml.tokenEndpointAuth() != null && explicit != 3) {
      ctx.error(
          path + ".tokenEndpointAuth",
          "set only with authorizationEndpoint, tokenEndpoint and jwks; with discovery it comes"
              + " from the provider's metadata");
    }
    if (explicit == 0) {
      if (yaml.discovery() != null) {
        b.setDiscovery(discovery(path + ".discovery", yaml.discovery()));
      }
      return;
    }
    if (explicit != 3) {
      ctx.error(
          path,
          "authorizationEndpoint, tokenEndpoint and jwks must either all be set or all be omitted");
      return;
    }
    if (yaml.discovery() != null) {
      ctx.error(
          path + ".discovery",
          "must be omitted when authorizationEndpoint, tokenEndpoint and jwks are set");
    }
    endpoint(path + ".authorizationEndpoint", yaml.authorizationEndpoint());
    endpoint(path + ".tokenEndpoint", yaml.tokenEndpoint());
    b.setAuthorizationEndpoint(yaml.authorizationEndpoint());
    b.setTokenEndpoint(yaml.tokenEndpoint());
    b.setJwks(new AuthPolicyMapper(ctx).jwks(path + ".jwks", yaml.jwks()));
    if (yaml.tokenEndpointAuth() != null) {
      b.setTokenEndpointAuth(tokenEndpointAuth(path + ".tokenEndpointAuth", yaml));
    }
  }

  private TokenEndpointAuth tokenEndpointAuth(String path, OidcYaml yaml) {
    return switch (yaml.tokenEndpointAuth()) {
      case "clientSecretBasic" -> TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_BASIC;
      case "clientSecretPost" -> TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_CLIENT_SECRET_POST;
      default -> {
        ctx.error(
            path,
            "must be clientSecretBasic or clientSecretPost, not '"
                + yaml.tokenEndpointAuth()
                + "'");
        yield TokenEndpointAuth.TOKEN_ENDPOINT_AUTH_UNSPECIFIED;
      }
    };
  }

  private OidcDiscovery discovery(String path, SourceYaml yaml) {
    OidcDiscovery.Builder b = OidcDiscovery.newBuilder();
    if (yaml.inline() != null) {
      b.setInline(yaml.inline());
    } else if (yaml.file() != null) {
      ctx.file(path + ".file", yaml.file()).ifPresent(f -> b.setFile(f.getFile()));
    } else {
      endpoint(path + ".url", yaml.url());
      b.setUrl(yaml.url());
    }
    return b.build();
  }

  private URI endpoint(String path, String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // Reported below.
    }
    ctx.error(path, "must be an absolute http(s) URL, not '" + value + "'");
    return null;
  }

  private void redirectUri(String path, String value) {
    URI uri = endpoint(path, value);
    if (uri == null) {
      return;
    }
    String problem = null;
    if (uri.getRawUserInfo() != null) {
      problem = "must not contain user info";
    } else if (uri.getRawQuery() != null) {
      problem = "must not contain a query";
    } else if (uri.getRawFragment() != null) {
      problem = "must not contain a fragment";
    } else if (uri.getRawPath() == null
        || uri.getRawPath().isEmpty()
        || uri.getRawPath().equals("/")) {
      problem = "needs an explicit path other than '/': the gateway answers the callback there";
    } else {
      for (String segment : uri.getRawPath().substring(1).split("/", -1)) {
        String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (decoded.equals(".") || decoded.equals("..")) {
          problem = "must not contain dot segments";
        } else if (decoded.contains("/") || decoded.contains("\\")) {
          problem = "must not contain encoded slashes or backslashes";
        }
      }
    }
    if (problem != null) {
      ctx.error(path, problem);
    }
  }
}
