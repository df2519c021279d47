package io.agw.gateway.backendauth;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.PolicyKind;
import io.agw.model.resource.v1.Backend;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The {@code backendAuth} policy kind. The state compiler hands a backend the one {@code
 * backendAuth} that applies to it (its route reference's, else the route's, else the backend's own,
 * as agentgateway ranks them); on a plain HTTP backend it becomes the request's credentials ({@link
 * BackendCredentials}). {@code ai} backends' providers read it themselves, and {@code mcp} backends
 * send it to each target.
 */
@Component
public final class BackendAuthPolicyKind implements PolicyKind {

  private final SecretResolver secrets;
  private final Clock clock;

  public BackendAuthPolicyKind() {
    this(new SecretResolver(), Clock.systemUTC());
  }

  BackendAuthPolicyKind(SecretResolver secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
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
    BackendCredentials credentials;
    try {
      credentials = BackendCredentials.of(spec.getBackendAuth(), secrets, clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("backend " + backend.key() + ": " + e.getMessage(), e);
    }
    backend.addRequestCredentials(credentials);
  }
}
