package io.agw.gateway.http;

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
  public static final int BODY_LIMIT = REQUEST_TIMEOUT + 100;
  public static final int CORS = REQUEST_TIMEOUT + 200;

  /** jwtAuth, apiKey, basicAuth: after CORS (a preflight carries no credentials). */
  public static final int AUTHENTICATION = CORS + 30;

  public static final int AUTHORIZATION = CORS + 50;

  /** Rate limits: after authorization, so that refused requests cost nothing. */
  public static final int RATE_LIMIT = CORS + 60;

  public static final int SHORT_CIRCUIT = REQUEST_TIMEOUT + 300;
  public static final int RESPONSE_HEADERS = REQUEST_TIMEOUT + 400;
  public static final int REQUEST_HEADERS = REQUEST_TIMEOUT + 500;
  public static final int URL_REWRITE = REQUEST_TIMEOUT + 600;

  /** CEL transformations: after the header modifiers, before URL rewrites. */
  public static final int TRANSFORMATION = URL_REWRITE - 50;

  public static final int RETRY = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 10;
  public static final int EXTENSION = RETRY + 100;
  public static final int BACKEND = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

  /**
   * Policies that need the LLM runtime's facts ({@code allowedModels}, token estimates): the LLM
   * runtime sets {@code LlmFacts} before this order.
   */
  public static final int LLM_POLICY = BACKEND - 10;

  private FilterOrder() {}
}
