package io.agw.gateway.policy;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;

/**
 * Where each policy runs in the Spring Cloud Gateway chain. Filters that end the exchange early
 * (CORS preflight, redirects, direct responses) run before anything touches the request; the retry
 * filter runs after {@link NettyWriteResponseFilter} so that it can retry before the response is
 * written; the backend is chosen after {@link RouteToRequestUrlFilter} on every attempt.
 */
public final class FilterOrder {

  public static final int REQUEST_TIMEOUT =
      NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1000;

  /** Before every other route filter, so that all of a route's errors use the client's format. */
  public static final int CLIENT_ERROR_FORMAT = REQUEST_TIMEOUT - 10;

  public static final int BODY_LIMIT = REQUEST_TIMEOUT + 100;
  public static final int CORS = REQUEST_TIMEOUT + 200;

  /** jwtAuth, apiKey, basicAuth: after CORS (a preflight carries no credentials). */
  public static final int AUTHENTICATION = CORS + 30;

  /**
   * extAuthz: after authentication (the service may read the caller's JWT), before the CEL
   * authorization rules (which may read {@code extauthz}), as agentgateway orders them.
   */
  public static final int EXTERNAL_AUTHORIZATION = CORS + 40;

  public static final int AUTHORIZATION = CORS + 50;

  /** Rate limits: after authorization, so that refused requests cost nothing. */
  public static final int RATE_LIMIT = CORS + 60;

  /**
   * csrf: after authorization and rate limits (agentgateway's order), before anything is changed or
   * answered on the route's behalf.
   */
  public static final int CSRF = CORS + 70;

  /**
   * extProc: after the rate limits and csrf and before the transformations, as agentgateway orders
   * them; its response decorator is then outside the later policies', so the service sees the
   * response as the client will.
   */
  public static final int EXTERNAL_PROCESSING = CORS + 80;

  public static final int SHORT_CIRCUIT = REQUEST_TIMEOUT + 300;

  /**
   * Injected latency ({@code delay}): after authentication and rate limits, before the short
   * circuits (agentgateway's order), inside the request timeout.
   */
  public static final int DELAY = SHORT_CIRCUIT - 10;

  public static final int RESPONSE_HEADERS = REQUEST_TIMEOUT + 400;

  /** Before the request headers and path change, so A2A sees the request as the client sent it. */
  public static final int A2A = REQUEST_TIMEOUT + 450;

  public static final int REQUEST_HEADERS = REQUEST_TIMEOUT + 500;
  public static final int URL_REWRITE = REQUEST_TIMEOUT + 600;

  /** CEL transformations: after the header modifiers, before URL rewrites. */
  public static final int TRANSFORMATION = URL_REWRITE - 50;

  /**
   * Request mirrors: once the route's policies have changed the request (headers, transformations,
   * rewrites), and before retries, so that a retried request is mirrored once.
   */
  public static final int REQUEST_MIRROR = URL_REWRITE + 50;

  /**
   * The response buffer ({@code buffer.response}): its decorator must be in place before the
   * response writer sees the exchange.
   */
  public static final int RESPONSE_BUFFER = URL_REWRITE + 60;

  public static final int RETRY = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 10;
  public static final int EXTENSION = RETRY + 100;
  public static final int BACKEND = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

  /** LLM requests are translated once the backend (and so the provider set) is chosen. */
  public static final int LLM = BACKEND + 1;

  /** The LLM response decorator must be in place before the response writer sees the exchange. */
  public static final int LLM_RESPONSE = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

  /**
   * Redaction of a backend's credentials from its response: in place before the response writer
   * sees the exchange, like {@link #LLM_RESPONSE} (a route has one or the other).
   */
  public static final int CREDENTIAL_REDACTION = LLM_RESPONSE;

  /** The MCP server answers once the backend (and so the target set) is chosen. */
  public static final int MCP = BACKEND + 1;

  /**
   * Authorization rules that read {@code llm} or {@code backend}: once the backend is chosen and
   * the LLM runtime has set {@code LlmFacts}, before the other LLM policies (so that a refused
   * request costs no tokens) and before anything is sent upstream.
   */
  public static final int LATE_AUTHORIZATION = LLM + 1;

  /**
   * Policies that need the LLM runtime's facts ({@code allowedModels}, token estimates): the LLM
   * runtime sets {@code LlmFacts} before this order.
   */
  public static final int LLM_POLICY = LLM + 2;

  /**
   * Answers the LLM runtime gives itself (the model list): after the LLM policies, so that they
   * apply to those answers too.
   */
  public static final int LLM_LOCAL_ANSWER = LLM + 3;

  /**
   * LLM requests are sent (and failed over between providers) after the LLM policies, which then
   * run once per request however many providers are tried.
   */
  public static final int LLM_DISPATCH = LLM_POLICY + 10;

  private FilterOrder() {}
}
