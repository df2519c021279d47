package io.agw.gateway.exchange;

import java.util.OptionalLong;

/**
 * What the LLM runtime knows about the current exchange: which model was asked for, which client
 * API is speaking, and, once the response has been read, the token usage. The LLM runtime puts an
 * implementation in the exchange attribute {@link #ATTRIBUTE} as soon as it has parsed the request
 * (before {@code FilterOrder.LLM_POLICY}); policies read it: CEL's {@code llm} variable, API keys'
 * {@code allowedModels}, rate limits counted in tokens, and the error format of 401/403/429.
 *
 * <p>Implementations are read from any thread; {@link #usage()} must be safe to call while the
 * response is streaming and must return the final usage once the response body has been written.
 */
public interface LlmFacts {

  /** The exchange attribute holding the facts. */
  String ATTRIBUTE = LlmFacts.class.getName();

  /** The client's wire format, which decides the shape of error bodies. */
  enum ClientApi {
    OPENAI,
    ANTHROPIC
  }

  /** The model the client asked for. */
  String requestModel();

  /** The provider name (openai, anthropic, ...). */
  String provider();

  /** The client's API. */
  ClientApi clientApi();

  /** Whether the client asked for a streamed response. */
  boolean streaming();

  /**
   * The prompt's size in tokens estimated before the call (with jtokkit, see {@code
   * ratelimit.PromptTokens}), when the route asks for tokenization; empty otherwise.
   */
  OptionalLong estimatedInputTokens();

  /** Whether the call lists the models (answered by the gateway; it names no model). */
  default boolean modelListing() {
    return false;
  }

  /** The usage reported by the upstream so far; {@link TokenUsage#NONE} before it is known. */
  TokenUsage usage();

  /** The call's cost priced from the model catalog once the answer is known; null until then. */
  default Cost cost() {
    return null;
  }

  /** The catalog rates the call is priced at, after the context-length tier; null if unpriced. */
  default CostRates costRates() {
    return null;
  }

  /**
   * The running estimate of output tokens streamed to the client so far (text deltas, about four
   * characters a token); 0 when nothing was streamed. Budgets read it to cut a stream.
   */
  default long streamedOutputTokens() {
    return 0;
  }
}
