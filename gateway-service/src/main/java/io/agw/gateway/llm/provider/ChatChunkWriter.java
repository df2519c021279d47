package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import java.util.List;

/**
 * Writes OpenAI {@code chat.completion.chunk}s as data-only SSE events, ending the stream with
 * {@code data: [DONE]}.
 *
 * <p>The usage is written as OpenAI does it: in a chunk of its own with empty {@code choices},
 * after the chunk with the {@code finish_reason}, and only when the client asked for it with {@code
 * stream_options.include_usage} (the gateway records the usage either way). A mapper that puts the
 * usage on a chunk with choices gets that chunk split in two; the official OpenAI SDKs' stream
 * accumulators take a chunk that carries {@code usage} for the usage-only chunk and skip its
 * choices, so its finish reason would be lost. Stateless and thread-safe.
 */
public final class ChatChunkWriter implements StreamWriter<ChatCompletionChunk> {

  private final boolean sendUsageChunk;

  /**
   * @param sendUsageChunk whether the client asked for the usage ({@code include_usage})
   */
  public ChatChunkWriter(boolean sendUsageChunk) {
    this.sendUsageChunk = sendUsageChunk;
  }

  @Override
  public Dialect client() {
    return Dialect.OPENAI;
  }

  @Override
  public int text(ChatCompletionChunk event) {
    return DeltaText.of(event);
  }

  @Override
  public void write(ChatCompletionChunk chunk, List<String> out) {
    if (chunk.choices() == null || chunk.choices().isEmpty()) {
      if (sendUsageChunk) {
        out.add(data(chunk));
      }
    } else if (chunk.usage() == null) {
      out.add(data(chunk));
    } else {
      out.add(data(copy(chunk, chunk.choices(), null)));
      if (sendUsageChunk) {
        out.add(data(copy(chunk, List.of(), chunk.usage())));
      }
    }
  }

  @Override
  public void finish(List<String> out) {
    out.add(SseWriter.write(SseEvent.done()));
  }

  private static ChatCompletionChunk copy(
      ChatCompletionChunk chunk, List<ChatCompletionChunk.Choice> choices, ChatUsage usage) {
    return new ChatCompletionChunk(
        chunk.id(),
        chunk.object(),
        chunk.created(),
        chunk.model(),
        choices,
        usage,
        chunk.serviceTier(),
        chunk.systemFingerprint(),
        chunk.extra());
  }

  private static String data(ChatCompletionChunk chunk) {
    return SseWriter.write(SseEvent.data(WireJson.write(chunk)));
  }
}
