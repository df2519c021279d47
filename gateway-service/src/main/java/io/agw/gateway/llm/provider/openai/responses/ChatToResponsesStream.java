package io.agw.gateway.llm.provider.openai.responses;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.util.List;

/**
 * OpenAI chat completion chunks (Gemini's OpenAI-compatible endpoint) to an OpenAI Responses
 * client: events named by their {@code type}, as OpenAI sends them. The upstream's {@code [DONE]}
 * ends the stream with {@code response.completed}; the usage is the final response's.
 */
public final class ChatToResponsesStream extends StreamTranslator {

  private final ChatToResponsesStreamMapper mapper;

  public ChatToResponsesStream(String model) {
    super(Dialect.OPENAI);
    this.mapper = new ChatToResponsesStreamMapper(model);
  }

  @Override
  public TokenUsage usage() {
    ResponsesResponse last = mapper.finalResponse();
    return last == null ? TokenUsage.NONE : ResponsesUsage.of(last);
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    if (event.isDone()) {
      write(mapper.end(), out);
      complete();
      return;
    }
    write(mapper.map(WireJson.tree(event.data())), out);
  }

  private static void write(List<ResponsesStreamEvent> events, List<String> out) {
    for (ResponsesStreamEvent e : events) {
      out.add(SseWriter.write(new SseEvent(e.type(), WireJson.write(e))));
    }
  }
}
