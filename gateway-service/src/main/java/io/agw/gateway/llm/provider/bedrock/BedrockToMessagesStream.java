package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;

/** A Bedrock ConverseStream (binary event-stream frames) to an Anthropic Messages client. */
public final class BedrockToMessagesStream extends ConverseEventStream<StreamEvent> {

  public BedrockToMessagesStream(String model) {
    super(Dialect.ANTHROPIC, new BedrockMessagesStreamMapper(model));
  }

  @Override
  String sse(StreamEvent e) {
    return SseWriter.write(new SseEvent(e.type(), WireJson.write(e)));
  }
}
