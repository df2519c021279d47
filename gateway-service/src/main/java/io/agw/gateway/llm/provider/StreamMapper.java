package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import java.util.List;

/**
 * The stateful heart of a {@link MappedStream}: maps the decoded events of one upstream stream, in
 * order, to the events of the client's API, and says when the upstream has completed its message.
 * Each provider dialect supplies one per client API it serves (for example {@code
 * AnthropicStreamMapper} for chat completions clients of an Anthropic upstream).
 *
 * <p>Calls, in order: {@link #map} for each upstream event (or {@link #end} for the upstream's own
 * end-of-stream marker, when its {@link StreamDecoder} has one), then {@link #finish} once when the
 * upstream body ends after the stream was complete. {@link #complete} is read after each {@link
 * #map}; {@link #usage} may be read at any time.
 *
 * <p>Lifecycle: one instance per response; not thread-safe.
 *
 * @param <I> the upstream's decoded event type
 * @param <O> the client API's event type
 */
public interface StreamMapper<I, O> {

  /**
   * The client events for one upstream event (often none).
   *
   * @throws StreamErrorException for an error the upstream reported inside the stream
   */
  List<O> map(I event);

  /**
   * The client events for the upstream's own end-of-stream marker (OpenAI's {@code [DONE]}), which
   * completes the stream. None by default.
   */
  default List<O> end() {
    return List.of();
  }

  /**
   * The client events when the upstream body ends after the stream was complete: what the mapper
   * still owes the client (a final chunk, the end of the message). None by default.
   */
  default List<O> finish() {
    return List.of();
  }

  /**
   * Whether the upstream said, in its events, that the message is complete (Anthropic's {@code
   * message_stop}, Converse's {@code messageStop}, a Gemini finish reason). False for a dialect
   * whose stream completes only at its end marker.
   */
  boolean complete();

  /** The usage seen so far. */
  TokenUsage usage();

  /**
   * This mapper followed by {@code next}: each of this mapper's outputs is mapped by {@code next}
   * as it is produced, so one dialect's mapping to an intermediate API is reused (Gemini to chat
   * chunks to Messages events). Completion and usage are this mapper's; nothing is buffered.
   */
  default <N> StreamMapper<I, N> andThen(StreamMapper<O, N> next) {
    return new ChainedStreamMapper<>(this, next);
  }
}
