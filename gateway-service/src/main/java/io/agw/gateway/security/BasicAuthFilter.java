package io.agw.gateway.security;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.identity.Caller;
import io.agw.model.resource.v1.AuthMode;
import io.agw.model.resource.v1.BasicAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code basicAuth} policy: {@code user:password} (base64) checked against an htpasswd database
 * read when the state is built. Valid credentials set the caller's user name; invalid ones get 401
 * with a {@code Basic} challenge; missing ones pass in optional mode. Immutable; thread-safe.
 */
public final class BasicAuthFilter implements GatewayFilter {

  private final Htpasswd users;
  private final AuthMode mode;
  private final String challenge;
  private final CredentialLocator locator;

  public BasicAuthFilter(BasicAuth policy, String htpasswd, CelEnvironment cel) {
    this.users = Htpasswd.parse(htpasswd);
    this.mode = policy.getMode();
    String realm = policy.getRealm().isEmpty() ? "agw" : policy.getRealm();
    this.challenge = "Basic realm=" + AuthFailure.quote(realm) + ", charset=\"UTF-8\"";
    this.locator = CredentialLocator.of(policy.hasLocation(), policy.getLocation(), "Basic ", cel);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    String credential = locator.find(exchange);
    if (credential == null) {
      return mode == AuthMode.AUTH_MODE_STRICT
          ? AuthFailure.unauthorized(exchange, challenge, "credentials are required")
          : chain.filter(exchange);
    }
    String user = verify(credential);
    if (user == null) {
      return AuthFailure.unauthorized(exchange, challenge, "the credentials are not valid");
    }
    exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.of(exchange).withBasicUser(user));
    return chain.filter(exchange);
  }

  /** The user name when {@code credential} (base64 user:password) is valid, else null. */
  String verify(String credential) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return users.matches(user, decoded.substring(colon + 1)) ? user : null;
  }

  @Override
  public String toString() {
    return "BasicAuth[" + users.size() + " users, " + mode + "]";
  }
}
