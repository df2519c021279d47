package io.agw.gateway.backendauth;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.tokenexchange.TokenExchangeBackendAuth;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.CredentialLocation;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code backendAuth} policy kind. The state compiler hands a backend the one {@code
 * backendAuth} that applies to it (its route reference's, else the route's, else the backend's own,
 * as agentgateway ranks them); on a plain HTTP backend it becomes the request's credentials ({@link
 * BackendCredentials}), a Google token ({@link GoogleTokens}), or a token exchanged per caller
 * ({@link TokenExchangeBackendAuth}). {@code ai} backends' providers read it themselves; an {@code
 * mcp} backend puts the same credentials on the requests it sends to its HTTP targets, worked out
 * per client call ({@code TargetCredentials}).
 */
@Component
public final class BackendAuthPolicyKind implements PolicyKind {

  private final SecretResolver secrets;
  private final Clock clock;
  private final TokenExchangeBackendAuth exchanges;

  @Autowired
  public BackendAuthPolicyKind(TokenExchangeBackendAuth exchanges) {
    this(new SecretResolver(), Clock.systemUTC(), exchanges);
  }

  BackendAuthPolicyKind(SecretResolver secrets, Clock clock, TokenExchangeBackendAuth exchanges) {
    this.secrets = secrets;
    this.clock = clock;
    this.exchanges = exchanges;
  }

  @Override
  public KindCase kind() {
    return KindCase.BACKEND_AUTH;
  }

  @Override
  public void onBackend(PolicySpec spec, BackendCompilation backend) {
    if (backend.resource().getKindCase() == Backend.KindCase.AI) {
      return; // LlmBackendFactory
    }
    if (backend.resource().getKindCase() == Backend.KindCase.MCP
        && writesQueryParameter(spec.getBackendAuth())) {
      // The MCP targets' URLs are fixed per connection; a credential rides in headers only.
      throw new IllegalArgumentException(
          "backend "
              + backend.key()
              + ": backendAuth on an mcp backend writes headers or cookies, not a query parameter");
    }
    if (TokenExchangeBackendAuth.handles(spec.getBackendAuth())) {
      exchanges.onBackend(spec.getBackendAuth(), backend);
      return;
    }
    BackendAuth auth = spec.getBackendAuth();
    try {
      if (auth.hasGcp()) {
        backend.addDeferredCredentials(google(auth.getGcp(), backend));
        // The extra credentials, if any, follow the token.
        auth = auth.toBuilder().clearGcp().build();
      }
      backend.addRequestCredentials(BackendCredentials.of(auth, secrets, clock));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("backend " + backend.key() + ": " + e.getMessage(), e);
    }
  }

  private GoogleTokens google(GcpAuth gcp, BackendCompilation backend) {
    // Deferred credentials are resolved by the backend selection, which host backends go through.
    if (backend.resource().getKindCase() != Backend.KindCase.STATIC) {
      throw new IllegalArgumentException("backendAuth gcp is supported on host backends only");
    }
    return GoogleTokens.of(gcp, backend.resource().getStatic().getHost(), secrets, clock);
  }

  private static boolean writesQueryParameter(BackendAuth auth) {
    List<CredentialLocation> locations = new ArrayList<>();
    if (auth.hasLocatedKey()) {
      locations.add(auth.getLocatedKey().getLocation());
    }
    if (auth.hasPassthrough() && auth.getPassthrough().hasLocation()) {
      locations.add(auth.getPassthrough().getLocation());
    }
    if (auth.hasJwtSign() && auth.getJwtSign().hasLocation()) {
      locations.add(auth.getJwtSign().getLocation());
    }
    auth.getCredentialsList().forEach(c -> locations.add(c.getLocation()));
    return locations.stream().anyMatch(CredentialLocation::hasQueryParameter);
  }
}
