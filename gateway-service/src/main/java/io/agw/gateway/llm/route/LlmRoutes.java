package io.agw.gateway.llm.route;

import io.agw.gateway.backend.SecretResolver;
import io.agw.gateway.exchange.LlmCallHooks;
import io.agw.gateway.llm.backend.AiAdjustments;
import io.agw.gateway.llm.backend.LlmBackendFactory;
import io.agw.gateway.llm.dispatch.FailoverSettings;
import io.agw.gateway.llm.dispatch.LlmDispatchFilter;
import io.agw.gateway.llm.dispatch.RetryConditions;
import io.agw.gateway.llm.guard.GuardServices;
import io.agw.gateway.llm.guard.PromptGuards;
import io.agw.gateway.llm.request.ClientErrorFormatFilter;
import io.agw.gateway.llm.request.LlmRequestFilter;
import io.agw.gateway.llm.request.LocalAnswerFilter;
import io.agw.gateway.llm.response.LlmResponseFilter;
import io.agw.gateway.llm.telemetry.LlmChoiceMetrics;
import io.agw.gateway.llm.telemetry.LlmMetrics;
import io.agw.model.resource.v1.AiPolicy;
import io.agw.model.resource.v1.Retry;
import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * What the state factory needs to compile LLM routes: the {@code ai} backend factory, the request
 * filter of a route, and backend credentials for plain backends. Thread-safe.
 */
public final class LlmRoutes {

  private final LlmBackendFactory backends;
  private final SecretResolver secrets;
  private final LlmResponseFilter responseFilter;
  private final LocalAnswerFilter localAnswerFilter = new LocalAnswerFilter();
  private final LlmChoiceMetrics choiceMetrics;
  private final GuardServices guardServices;
  private final LlmCallHooks usage;

  /** Routes whose calls are not priced. */
  public LlmRoutes(
      LlmBackendFactory backends,
      SecretResolver secrets,
      LlmMetrics metrics,
      LlmChoiceMetrics choiceMetrics,
      GuardServices guardServices) {
    this(backends, secrets, metrics, choiceMetrics, guardServices, LlmCallHooks.NONE);
  }

  /**
   * @param usage prices each call, attributes it and counts its cost once it ends
   */
  public LlmRoutes(
      LlmBackendFactory backends,
      SecretResolver secrets,
      LlmMetrics metrics,
      LlmChoiceMetrics choiceMetrics,
      GuardServices guardServices,
      LlmCallHooks usage) {
    this.backends = backends;
    this.secrets = secrets;
    this.guardServices = guardServices;
    this.responseFilter = new LlmResponseFilter(metrics, usage);
    this.choiceMetrics = choiceMetrics;
    this.usage = usage;
  }

  public LlmBackendFactory backends() {
    return backends;
  }

  /**
   * The LLM request filter of a route with an {@code ai} backend; {@code policy} may be null.
   * Builds the route's guards, so a guard whose secret does not resolve refuses the state.
   */
  public GatewayFilter filter(AiPolicy policy) {
    return new LlmRequestFilter(
        policy == null ? AiAdjustments.NONE : AiAdjustments.of(policy),
        PromptGuards.of(policy, guardServices),
        usage);
  }

  /**
   * The filter that marks an exchange of the route with its client's error format; it must run
   * before every other filter of the route ({@code FilterOrder.CLIENT_ERROR_FORMAT}).
   */
  public GatewayFilter errorFormatFilter(AiPolicy policy) {
    return new ClientErrorFormatFilter(
        policy == null ? AiAdjustments.NONE : AiAdjustments.of(policy));
  }

  /**
   * The filter that sends the planned request to the route's providers, failing over between them;
   * it must run after the LLM policies. {@code retry} (the route's policy) may be null.
   */
  public GatewayFilter dispatchFilter(Retry retry) {
    return new LlmDispatchFilter(
        FailoverSettings.of(retry), RetryConditions.of(retry, guardServices.cel()), choiceMetrics);
  }

  /** The response filter of the same routes; it must run before the response is written. */
  public GatewayFilter responseFilter() {
    return responseFilter;
  }

  /**
   * The filter that writes the answers the LLM runtime gives itself (the model list); it must run
   * after the policies that need the LLM facts ({@code FilterOrder.LLM_LOCAL_ANSWER}).
   */
  public GatewayFilter localAnswerFilter() {
    return localAnswerFilter;
  }
}
