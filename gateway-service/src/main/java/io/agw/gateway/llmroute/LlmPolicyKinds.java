package io.agw.gateway.llmroute;

import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.gateway.tokenexchange.TokenExchangeBackendAuth;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * The LLM policy kinds: {@code ai} (consumed by the LLM filters of a route with an {@code ai}
 * backend and, on a backend, by its providers; refused elsewhere) and {@code backendAuth} (the
 * credential sent to a backend).
 */
public final class LlmPolicyKinds {

  private LlmPolicyKinds() {}

  /** The {@code ai} backend kind, for tests that build a state factory by hand. */
  public static BackendKind backendKind(LlmRoutes llm) {
    return new LlmBackendKind(llm);
  }

  /** Every policy kind of this package, for tests that build a state factory by hand. */
  public static List<PolicyKind> all(LlmRoutes llm) {
    return List.of(ai(), backendAuth(llm, null));
  }

  static PolicyKind ai() {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.AI;
      }

      @Override
      public void onBackend(PolicySpec spec, BackendCompilation backend) {
        // An ai backend's providers read it (LlmBackendFactory); nothing else could.
        if (backend.resource().getKindCase() != io.agw.model.resource.v1.Backend.KindCase.AI) {
          throw new IllegalArgumentException(
              "backend " + backend.key() + ": the ai policy needs an ai backend");
        }
      }

      @Override
      public void completeRoute(RouteCompilation route) {
        if (route.routePolicy(KindCase.AI).isPresent() && !route.isClaimed(KindCase.AI)) {
          throw new IllegalArgumentException("the ai policy needs an ai backend on the route");
        }
      }
    };
  }

  /**
   * @param exchanges the token exchange kinds ({@code oauthTokenExchange}, {@code crossAppAccess});
   *     null refuses them
   */
  static PolicyKind backendAuth(LlmRoutes llm, TokenExchangeBackendAuth exchanges) {
    return new PolicyKind() {
      @Override
      public KindCase kind() {
        return KindCase.BACKEND_AUTH;
      }

      @Override
      public void onBackend(PolicySpec spec, BackendCompilation backend) {
        if (TokenExchangeBackendAuth.handles(spec.getBackendAuth())) {
          if (exchanges == null) {
            throw new IllegalArgumentException(
                "backend " + backend.key() + ": token exchange is not available in this gateway");
          }
          exchanges.onBackend(spec.getBackendAuth(), backend);
          return;
        }
        if (backend.resource().getKindCase() == io.agw.model.resource.v1.Backend.KindCase.AI) {
          // An ai backend's providers inherit the backend's policies and read every form of
          // backendAuth (key, aws, gcp, azure) themselves (LlmBackendFactory).
          return;
        }
        backend.addCredentials(llm.bearer(backend.key(), spec.getBackendAuth()));
      }
    };
  }
}
