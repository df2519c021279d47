package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;

/**
 * A Bedrock ConverseStream (binary event-stream frames) to an OpenAI Responses client: events named
 * by their {@code type}, as OpenAI sends them.
 */
public final class BedrockToResponsesStream extends ConverseEventStream<ResponsesStreamEvent> {

  public BedrockToResponsesStream(String model) {
    super(Dialect.OPENAI, new BedrockResponsesStreamMapper(model));
  }

  @Override
  String sse(ResponsesStreamEvent e) {
    return SseWriter.write(new SseEvent(e.type(), WireJson.write(e)));
  }
}
