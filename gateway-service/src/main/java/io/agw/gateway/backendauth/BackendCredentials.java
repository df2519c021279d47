package io.agw.gateway.backendauth;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.identity.Caller;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.BackendCredential;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The credentials a plain HTTP backend's {@code backendAuth} writes on each request: the kind's
 * value (a key, the caller's validated JWT, a freshly signed JWT) at its location, then every entry
 * of {@code credentials} at its own. Secrets and signing keys are read when the state is built, so
 * a missing variable or an unreadable key refuses the state. Immutable; thread-safe.
 */
final class BackendCredentials implements BiConsumer<ServerWebExchange, HttpHeaders> {

  /** One value written at one place; {@code value} may answer null (nothing to write). */
  private record Write(CredentialPlacement at, Function<ServerWebExchange, String> value) {}

  private final List<Write> writes;
  private final boolean replacesApiKey;

  private BackendCredentials(List<Write> writes, boolean replacesApiKey) {
    this.writes = List.copyOf(writes);
    this.replacesApiKey = replacesApiKey;
  }

  /**
   * @throws IllegalArgumentException when a secret cannot be read or the kind is not one a plain
   *     backend takes
   */
  static BackendCredentials of(BackendAuth auth, SecretResolver secrets, Clock clock) {
    List<Write> writes = new ArrayList<>();
    switch (auth.getKindCase()) {
      case KEY -> {
        String key = secrets.resolve(auth.getKey());
        writes.add(new Write(CredentialPlacement.BEARER, exchange -> key));
      }
      case LOCATED_KEY -> {
        String key = secrets.resolve(auth.getLocatedKey().getValue());
        writes.add(
            new Write(
                CredentialPlacement.of(true, auth.getLocatedKey().getLocation()), exchange -> key));
      }
      case PASSTHROUGH ->
          writes.add(
              new Write(
                  CredentialPlacement.of(
                      auth.getPassthrough().hasLocation(), auth.getPassthrough().getLocation()),
                  BackendCredentials::validatedJwt));
      case JWT_SIGN -> {
        var config = auth.getJwtSign();
        JwtSigner signer = JwtSigner.of(config, secrets.resolve(config.getSigningKey()), clock);
        writes.add(
            new Write(
                CredentialPlacement.of(config.hasLocation(), config.getLocation()),
                exchange -> signer.sign()));
      }
      case GCP ->
          throw new IllegalArgumentException(
              "backendAuth gcp is built by GoogleTokens, not as fixed credentials");
      case AWS ->
          throw new IllegalArgumentException(
              "backendAuth aws (SigV4) is supported on ai backends only");
      case AZURE ->
          throw new IllegalArgumentException(
              "backendAuth azure is supported on azureContentSafety guards only");
      case KIND_NOT_SET -> {}
    }
    for (BackendCredential credential : auth.getCredentialsList()) {
      String key = secrets.resolve(credential.getKey());
      writes.add(
          new Write(CredentialPlacement.of(true, credential.getLocation()), exchange -> key));
    }
    // The plain key form replaces whatever key the client sent, in either usual header.
    return new BackendCredentials(writes, auth.hasKey());
  }

  /** The token {@code jwtAuth} validated on this request, or null when there is none. */
  private static String validatedJwt(ServerWebExchange exchange) {
    Caller.JwtIdentity jwt = Caller.of(exchange).jwt();
    return jwt == null ? null : jwt.rawToken();
  }

  @Override
  public void accept(ServerWebExchange exchange, HttpHeaders headers) {
    if (replacesApiKey) {
      headers.remove("x-api-key");
    }
    for (Write write : writes) {
      String value = write.value().apply(exchange);
      if (value != null) {
        write.at().write(exchange, headers, value);
      }
    }
  }

  @Override
  public String toString() {
    return "BackendCredentials[" + writes.size() + " writes]";
  }
}
