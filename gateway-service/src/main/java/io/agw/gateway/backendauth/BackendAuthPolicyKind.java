package io.agw.gateway.backendauth;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.tokenexchange.TokenExchangeBackendAuth;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.BackendAuth;
import io.agw.model.resource.v1.GcpAuth;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code backendAuth} policy kind. The state compiler hands a backend the one {@code
 * backendAuth} that applies to it (its route reference's, else the route's, else the backend's own,
 * as agentgateway ranks them); on a plain HTTP backend it becomes the request's credentials ({@link
 * BackendCredentials}), a Google token ({@link GoogleTokens}), or a token exchanged per caller
 * ({@link TokenExchangeBackendAuth}). {@code ai} backends' providers read it themselves; {@code
 * mcp} backends do not take it yet.
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
    if (backend.resource().getKindCase() == Backend.KindCase.MCP) {
      throw new IllegalArgumentException(
          "backend " + backend.key() + ": backendAuth is not supported on mcp backends yet");
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
}
