package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.DeltaText;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.anthropic.Usage;
import java.util.List;

/**
 * An Anthropic Messages stream to an Anthropic client, unchanged; records the usage.
 *
 * <p>Not a {@link io.agw.gateway.llm.provider.MappedStream}: it forwards each upstream event's own
 * text (fields the gateway does not type included) instead of writing mapped events, and it ends at
 * an upstream {@code error} event, which is already in the client's format.
 */
public final class AnthropicMessagesStream extends StreamTranslator {

  private Usage usage;
  private String model;

  public AnthropicMessagesStream() {
    super(Dialect.ANTHROPIC);
  }

  @Override
  public TokenUsage usage() {
    return AnthropicUsageMapper.toTokenUsage(usage, model);
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    StreamEvent parsed = WireJson.read(event.data(), StreamEvent.class);
    streamed(DeltaText.of(parsed));
    if (parsed instanceof StreamEvent.MessageStart start && start.message() != null) {
      model = start.message().model();
      usage = AnthropicUsageMapper.merge(usage, start.message().usage());
    } else if (parsed instanceof StreamEvent.MessageDelta delta) {
      usage = AnthropicUsageMapper.merge(usage, delta.usage());
    } else if (parsed instanceof StreamEvent.MessageStop || parsed instanceof StreamEvent.Error) {
      // An upstream error event is already in the client's format and ends the stream.
      complete();
    }
    out.add(SseWriter.write(event));
  }
}
