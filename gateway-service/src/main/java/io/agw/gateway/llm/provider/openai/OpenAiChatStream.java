package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.DeltaText;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;

/**
 * OpenAI chat chunks to an OpenAI client, unchanged except that the usage-only chunk the gateway
 * asked for is hidden from a client that did not ask for it itself. Records the usage.
 *
 * <p>Not a {@link io.agw.gateway.llm.provider.MappedStream}: it forwards each upstream event's own
 * text (fields the gateway does not type included) instead of writing mapped chunks, and passes an
 * error inside the stream on as it is, since it is already in the client's format.
 */
public final class OpenAiChatStream extends StreamTranslator {

  private final boolean hideUsageChunk;
  private TokenUsage usage = TokenUsage.NONE;

  public OpenAiChatStream(boolean hideUsageChunk) {
    super(Dialect.OPENAI);
    this.hideUsageChunk = hideUsageChunk;
  }

  @Override
  public TokenUsage usage() {
    return usage;
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    if (event.isDone()) {
      complete();
      out.add(SseWriter.write(event));
      return;
    }
    ChatCompletionChunk chunk = WireJson.read(event.data(), ChatCompletionChunk.class);
    if (chunk.extra() != null && chunk.extra().containsKey("error")) {
      // An error inside the stream is already in the client's format; it ends the stream.
      complete();
      out.add(SseWriter.write(event));
      return;
    }
    streamed(DeltaText.of(chunk));
    if (chunk.usage() != null) {
      usage = OpenAiUsageMapper.toTokenUsage(chunk.usage(), chunk.model(), chunk.serviceTier());
      if (hideUsageChunk && (chunk.choices() == null || chunk.choices().isEmpty())) {
        return;
      }
    }
    out.add(SseWriter.write(event));
  }
}
