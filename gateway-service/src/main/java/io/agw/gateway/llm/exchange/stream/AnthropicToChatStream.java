package io.agw.gateway.llm.exchange.stream;

import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.TokenUsage;
import io.agw.gateway.llm.provider.anthropic.AnthropicStreamMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;

/**
 * An Anthropic Messages stream to an OpenAI chat completions client, ending with {@code [DONE]}.
 */
public final class AnthropicToChatStream extends StreamTranslator {

  private final AnthropicStreamMapper mapper = new AnthropicStreamMapper();

  public AnthropicToChatStream() {
    super(Dialect.OPENAI);
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    StreamEvent parsed = WireJson.read(event.data(), StreamEvent.class);
    for (ChatCompletionChunk chunk : mapper.map(parsed)) {
      out.add(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
    if (parsed instanceof StreamEvent.MessageStop) {
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    for (ChatCompletionChunk chunk : mapper.finish()) {
      out.add(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
    out.add(SseWriter.write(SseEvent.done()));
  }
}
