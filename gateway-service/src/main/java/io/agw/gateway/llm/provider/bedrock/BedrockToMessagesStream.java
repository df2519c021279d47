package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import java.util.List;

/** A Bedrock ConverseStream (binary event-stream frames) to an Anthropic Messages client. */
public final class BedrockToMessagesStream extends StreamTranslator {

  private final BedrockMessagesStreamMapper mapper;

  public BedrockToMessagesStream(String model) {
    super(Dialect.ANTHROPIC, new AwsEventStreamFraming());
    this.mapper = new BedrockMessagesStreamMapper(model);
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    write(mapper.map(BedrockStreamEvents.parse(event)), out);
    if (mapper.stopped()) {
      complete();
    }
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
