package io.agw.gateway.exchange;

import org.springframework.web.server.ServerWebExchange;

/**
 * Told of every LLM call once its response has been written or abandoned, after the call's metrics
 * (so its usage and cost are final). Runs on the thread that ended the exchange: an implementation
 * must return at once and never block (the usage store only queues a record).
 */
@FunctionalInterface
public interface LlmCallObserver {

  /** Observes nothing. */
  LlmCallObserver NONE = (exchange, call) -> {};

  void ended(ServerWebExchange exchange, LlmCall call);

  /**
   * Whether calls starting now should keep their prompt and completion ({@link
   * LlmCall#captureContent()}); asked once per call, before it starts.
   */
  default boolean capturesContent() {
    return false;
  }
}
