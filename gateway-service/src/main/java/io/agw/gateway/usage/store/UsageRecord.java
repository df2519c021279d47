package io.agw.gateway.usage.store;

import java.time.Instant;

/**
 * One LLM call as the usage store keeps it: one row of {@code usage_records}, plus the prompt and
 * completion (table {@code usage_payloads}) when {@code frontendPolicies.accessLog.database.llm} is
 * {@code full}. Never an API key (only its id) or a header. Token counts are null when the provider
 * did not report them; the cost is null when the model is not priced.
 *
 * @param id a random UUID
 * @param time when the call ended
 * @param key the API key's id, or null
 * @param user the user, or null
 * @param team the team, or null
 * @param route the route's name
 * @param provider the provider (openai, anthropic, ...)
 * @param requestModel the model the client asked for
 * @param responseModel the model that answered
 * @param streamed whether the answer was streamed
 * @param tokens the tokens by kind
 * @param costUsd the cost in USD, or null when unpriced
 * @param costSource {@code provider} or {@code estimated}, or null when unpriced
 * @param latencyMs the time from the request to the end of the answer
 * @param timeToFirstTokenMs the time to the first streamed output, or null
 * @param status the HTTP status the client got
 * @param error the call's error, or null
 * @param guardrail {@code passed}, {@code masked} or {@code rejected}; null when no guard ran
 * @param traceId the W3C trace id, or null
 * @param prompt the client's request body, only when content is stored
 * @param completion the answer as the client received it, only when content is stored
 */
public record UsageRecord(
    String id,
    Instant time,
    String key,
    String user,
    String team,
    String route,
    String provider,
    String requestModel,
    String responseModel,
    boolean streamed,
    Tokens tokens,
    Double costUsd,
    String costSource,
    double latencyMs,
    Double timeToFirstTokenMs,
    int status,
    String error,
    String guardrail,
    String traceId,
    String prompt,
    String completion)
    implements StoredRow {

  /**
   * Tokens of one call by kind; any may be null (not reported).
   *
   * @param input prompt tokens as the provider counts them
   * @param output generated tokens, reasoning included
   * @param cachedInput prompt tokens read from the provider's cache
   * @param cacheWrite prompt tokens written to the provider's cache
   * @param reasoning output tokens spent on reasoning
   * @param total the provider's total
   */
  public record Tokens(
      Long input, Long output, Long cachedInput, Long cacheWrite, Long reasoning, Long total) {}

  /** Whether the prompt or the completion is to be stored. */
  public boolean hasContent() {
    return prompt != null || completion != null;
  }
}
