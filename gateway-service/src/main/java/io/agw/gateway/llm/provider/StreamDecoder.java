package io.agw.gateway.llm.provider;

import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.sse.SseEvent;

/**
 * The upstream side of a {@link MappedStream}, one per provider dialect: how the upstream's bytes
 * are cut into events ({@link #framing}), which event is the dialect's own end-of-stream marker,
 * and how one event is read into the dialect's wire type, an error the upstream reports inside the
 * stream included. Stateless (the framing it creates is per stream).
 *
 * @param <I> the upstream's decoded event type
 */
@FunctionalInterface
public interface StreamDecoder<I> {

  /**
   * The event read as the dialect's wire type.
   *
   * @throws StreamErrorException for an error the upstream sent inside the stream, when the dialect
   *     marks it in the event itself (the mapper handles error events of its own type)
   * @throws RuntimeException for data that does not parse (the client gets an error event)
   */
  I decode(SseEvent event);

  /**
   * Whether {@code event} is the upstream's end-of-stream marker (OpenAI's {@code [DONE]}), which
   * completes the stream and is not decoded. None by default.
   */
  default boolean isEnd(SseEvent event) {
    return false;
  }

  /** A new framing for one stream: server-sent events by default. */
  default StreamTranslator.Framing framing() {
    return StreamTranslator.Framing.sse();
  }
}
