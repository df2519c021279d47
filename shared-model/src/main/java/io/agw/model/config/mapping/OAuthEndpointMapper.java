package io.agw.model.config.mapping;

import io.agw.model.config.yaml.OAuthClientAuthYaml;
import io.agw.model.resource.v1.OAuthClientAuth;
import io.agw.model.resource.v1.OAuthEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a token endpoint the gateway calls (of {@code oauthTokenExchange} and of {@code
 * crossAppAccess}): its {@code host} ({@code host:port}, or {@code http(s)://host[:port]}), {@code
 * path} and {@code clientAuth}. {@code backend} and {@code service} targets, the endpoint's {@code
 * policies} and {@code privateKeyJwt} are refused with their path.
 */
final class OAuthEndpointMapper {

  private final MappingContext ctx;
  private final SecretMapper secrets;

  OAuthEndpointMapper(MappingContext ctx, SecretMapper secrets) {
    this.ctx = ctx;
    this.secrets = secrets;
  }

  OAuthEndpoint.Builder endpoint(
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

  Optional<OAuthClientAuth> clientAuth(String path, OAuthClientAuthYaml yaml) {
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
}
