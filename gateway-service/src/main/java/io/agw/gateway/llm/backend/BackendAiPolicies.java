package io.agw.gateway.llm.backend;

import io.agw.model.resource.v1.AiPolicy;
import java.util.List;

/**
 * The {@code ai} policies written on a provider's backend (the backend resource's, the route
 * reference's, the provider's own, in that order) merged into one, as agentgateway merges backend
 * {@code ai} policies: field by field, a field set in a more specific policy replaces that field of
 * the others whole ({@code promptGuard} is one field, so its request and response lists are never
 * mixed). Pure and stateless.
 */
final class BackendAiPolicies {

  private BackendAiPolicies() {}

  /**
   * Merges {@code policies}, least specific first.
   *
   * @return the merged policy, or null when there is none
   * @throws IllegalArgumentException when one of them sets a field that only a route's {@code ai}
   *     policy can act on ({@code modelAliases}, {@code routes}): the model and the front door are
   *     decided before a provider is chosen
   */
  static AiPolicy merge(List<AiPolicy> policies) {
    AiPolicy.Builder merged = null;
    for (AiPolicy p : policies) {
      if (p.getModelAliasesCount() > 0 || p.getRoutesCount() > 0) {
        throw new IllegalArgumentException(
            "ai.modelAliases and ai.routes are supported in a route's ai policy only, not on"
                + " backends");
      }
      if (merged == null) {
        merged = p.toBuilder();
        continue;
      }
      if (p.hasDefaults()) {
        merged.setDefaults(p.getDefaults());
      }
      if (p.hasOverrides()) {
        merged.setOverrides(p.getOverrides());
      }
      if (p.getPrependCount() > 0 || p.getAppendCount() > 0) {
        merged.clearPrepend().addAllPrepend(p.getPrependList());
        merged.clearAppend().addAllAppend(p.getAppendList());
      }
      if (p.hasPromptGuard()) {
        merged.setPromptGuard(p.getPromptGuard());
      }
    }
    return merged == null ? null : merged.build();
  }
}
