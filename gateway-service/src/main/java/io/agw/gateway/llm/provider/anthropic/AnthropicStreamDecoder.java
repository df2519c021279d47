package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.llm.provider.StreamDecoder;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;

/**
 * Reads the events of an Anthropic Messages stream (SSE). An upstream {@code error} event is an
 * event like the others here; the mapper ends the stream with it. Anthropic has no end marker
 * outside its events ({@code message_stop}). Stateless.
 */
public final class AnthropicStreamDecoder implements StreamDecoder<StreamEvent> {

  public static final AnthropicStreamDecoder INSTANCE = new AnthropicStreamDecoder();

  private AnthropicStreamDecoder() {}

  @Override
  public StreamEvent decode(SseEvent event) {
    return WireJson.read(event.data(), StreamEvent.class);
  }
}
