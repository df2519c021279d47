package io.agw.gateway.llmroute;

import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.PolicyKind;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.List;

/**
 * The LLM policy kind {@code ai}: consumed by the LLM filters of a route with an {@code ai} backend
 * and, on a backend, by its providers; refused elsewhere. ({@code backendAuth} is {@code
 * io.agw.gateway.backendauth}'s; an {@code ai} backend's providers read it themselves.)
 */
public final class LlmPolicyKinds {

  private LlmPolicyKinds() {}

  /** The {@code ai} backend kind, for tests that build a state factory by hand. */
  public static BackendKind backendKind(LlmRoutes llm) {
    return new LlmBackendKind(llm);
  }

  /** Every policy kind of this package, for tests that build a state factory by hand. */
  public static List<PolicyKind> all(LlmRoutes llm) {
    return List.of(ai());
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
}
