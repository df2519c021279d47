package io.agw.gateway.llmroute;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.llm.route.LlmRoutes;
import io.agw.gateway.policy.BackendCompilation;
import io.agw.gateway.policy.BackendKind;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.policy.RouteCompilation;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PolicySpec.KindCase;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ai} backends: their providers, built by the LLM runtime with the route's {@code
 * backendTLS} and the backend's policies inherited. A route with one goes through the LLM filters
 * (parse, choose a provider, translate, fail over), which consume the route's {@code ai} and {@code
 * retry} policies: the LLM dispatcher retries and fails over instead of the generic retry filter.
 */
final class LlmBackendKind implements BackendKind {

  private final LlmRoutes llm;

  LlmBackendKind(LlmRoutes llm) {
    this.llm = llm;
  }

  @Override
  public io.agw.model.resource.v1.Backend.KindCase kind() {
    return io.agw.model.resource.v1.Backend.KindCase.AI;
  }

  @Override
  public Backend build(BackendCompilation backend) {
    List<PolicySpec> inherited = new ArrayList<>();
    if (backend.routeTls() != null) {
      inherited.add(PolicySpec.newBuilder().setBackendTls(backend.routeTls()).build());
    }
    inherited.addAll(backend.policies());
    return llm.backends()
        .backend(backend.key(), backend.name(), backend.resource().getAi(), inherited);
  }

  @Override
  public void completeRoute(RouteCompilation route) {
    var ai = route.claim(KindCase.AI).map(PolicySpec::getAi).orElse(null);
    var retry = route.claim(KindCase.RETRY).map(PolicySpec::getRetry).orElse(null);
    route.addFilter(llm.errorFormatFilter(ai), FilterOrder.CLIENT_ERROR_FORMAT);
    route.addFilter(llm.filter(ai), FilterOrder.LLM);
    route.addFilter(llm.dispatchFilter(retry), FilterOrder.LLM_DISPATCH);
    route.addFilter(llm.responseFilter(), FilterOrder.LLM_RESPONSE);
    route.addFilter(llm.localAnswerFilter(), FilterOrder.LLM_LOCAL_ANSWER);
  }
}
