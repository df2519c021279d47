package io.agw.gateway.exchange;

import org.springframework.web.server.ServerWebExchange;

/**
 * What other features add to every LLM call, called by the LLM runtime: when it has read the
 * request and created the {@link LlmCall}, and when the call has ended (its response written or
 * abandoned). The usage feature prices the call, attributes it and counts its cost here.
 * Implementations are thread-safe and never fail the request.
 */
public interface LlmCallHooks {

  /** Hooks that do nothing. */
  LlmCallHooks NONE = new LlmCallHooks() {};

  /** The LLM runtime has created {@code call} for {@code exchange}. */
  default void started(ServerWebExchange exchange, LlmCall call) {}

  /** {@code call} is over. */
  default void ended(ServerWebExchange exchange, LlmCall call) {}

  /** All of {@code hooks}, called in order (the usage store's recorder is one of them). */
  static LlmCallHooks all(java.util.List<LlmCallHooks> hooks) {
    if (hooks.size() == 1) {
      return hooks.get(0);
    }
    java.util.List<LlmCallHooks> each = java.util.List.copyOf(hooks);
    return new LlmCallHooks() {
      @Override
      public void started(ServerWebExchange exchange, LlmCall call) {
        each.forEach(h -> h.started(exchange, call));
      }

      @Override
      public void ended(ServerWebExchange exchange, LlmCall call) {
        each.forEach(h -> h.ended(exchange, call));
      }
    };
  }
}
