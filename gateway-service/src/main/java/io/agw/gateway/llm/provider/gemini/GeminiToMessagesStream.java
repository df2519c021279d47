package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.openai.OpenAiStreamMapper;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;

/**
 * A Gemini stream to an Anthropic Messages client: each Gemini chunk becomes OpenAI chunks (the
 * Gemini stream mapper), which become Messages events (the OpenAI stream mapper), so the block
 * bookkeeping of the Messages stream is written once. Nothing is buffered across chunks.
 */
public final class GeminiToMessagesStream extends StreamTranslator {

  private final GeminiStreamMapper gemini;
  private final OpenAiStreamMapper messages = new OpenAiStreamMapper();

  /**
   * @param model the model sent upstream
   */
  public GeminiToMessagesStream(String model) {
    super(Dialect.ANTHROPIC);
    this.gemini = new GeminiStreamMapper(model);
  }

  @Override
  public TokenUsage usage() {
    return gemini.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    for (ChatCompletionChunk chunk : gemini.map(GeminiToChatStream.parse(event))) {
      write(messages.map(chunk), out);
    }
    if (gemini.finished()) {
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    write(messages.finish(), out);
  }

  private static void write(List<StreamEvent> events, List<String> out) {
    for (StreamEvent e : events) {
      out.add(SseWriter.write(new SseEvent(e.type(), WireJson.write(e))));
    }
  }
}
