package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI chat completion stream to an Anthropic Messages client: named events ({@code
 * message_start}, content blocks, {@code message_delta}, {@code message_stop}).
 */
public final class ChatToMessagesStream extends StreamTranslator {

  private final OpenAiStreamMapper mapper = new OpenAiStreamMapper();

  public ChatToMessagesStream() {
    super(Dialect.ANTHROPIC);
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    if (event.isDone()) {
      complete();
      return;
    }
    ChatCompletionChunk chunk = WireJson.read(event.data(), ChatCompletionChunk.class);
    if (chunk.extra() != null && chunk.extra().containsKey("error")) {
      JsonNode error = chunk.extra().get("error");
      throw new StreamErrorException("api_error", error.path("message").asString("stream error"));
    }
    write(mapper.map(chunk), out);
  }

  @Override
  protected void finish(List<String> out) {
    write(mapper.finish(), out);
  }

  private static void write(List<StreamEvent> events, List<String> out) {
    for (StreamEvent e : events) {
      out.add(SseWriter.write(new SseEvent(e.type(), WireJson.write(e))));
    }
  }
}
