package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import java.util.List;

/**
 * The client side of a {@link MappedStream}, one per client API: how each client event is written
 * as SSE text, and what the API sends after the last event. Its {@link #client} dialect also
 * formats the error event that ends a failed stream. Holds per-request options only (for chat, the
 * client's {@code include_usage}); thread-safe if its options are.
 *
 * @param <O> the client API's event type
 */
public interface StreamWriter<O> {

  /** The client's dialect, for the error event that ends a failed stream. */
  Dialect client();

  /** Adds the SSE text for one client event (possibly none, possibly several events). */
  void write(O event, List<String> out);

  /** The characters of generated text {@code event} carries ({@link DeltaText}); 0 by default. */
  default int text(O event) {
    return 0;
  }

  /** Adds what the client's API sends after the last event. Nothing by default. */
  default void finish(List<String> out) {}
}
