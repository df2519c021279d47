package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import java.util.List;

/**
 * An Anthropic Messages stream to an OpenAI chat completions client, ending with {@code [DONE]}.
 *
 * <p>The usage is written as OpenAI does it: in a chunk of its own with empty {@code choices},
 * after the chunk with the {@code finish_reason}, and only when the client asked for it with {@code
 * stream_options.include_usage}. The mapper puts the usage on the finish chunk; the official OpenAI
 * SDKs' stream accumulators take a chunk that carries {@code usage} for the usage-only chunk and
 * skip its choices, so that finish reason would be lost.
 */
public final class AnthropicToChatStream extends StreamTranslator {

  private final AnthropicStreamMapper mapper = new AnthropicStreamMapper();
  private final boolean sendUsageChunk;

  /**
   * @param sendUsageChunk whether the client asked for the usage ({@code include_usage})
   */
  public AnthropicToChatStream(boolean sendUsageChunk) {
    super(Dialect.OPENAI);
    this.sendUsageChunk = sendUsageChunk;
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    StreamEvent parsed = WireJson.read(event.data(), StreamEvent.class);
    write(mapper.map(parsed), out);
    if (parsed instanceof StreamEvent.MessageStop) {
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    write(mapper.finish(), out);
    out.add(SseWriter.write(SseEvent.done()));
  }

  private void write(List<ChatCompletionChunk> chunks, List<String> out) {
    for (ChatCompletionChunk chunk : chunks) {
      if (chunk.usage() == null || chunk.choices() == null || chunk.choices().isEmpty()) {
        out.add(data(chunk));
        continue;
      }
      out.add(data(copy(chunk, chunk.choices(), null)));
      if (sendUsageChunk) {
        out.add(data(copy(chunk, List.of(), chunk.usage())));
      }
    }
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
