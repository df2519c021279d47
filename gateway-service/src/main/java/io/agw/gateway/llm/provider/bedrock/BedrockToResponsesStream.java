package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.Dialect;
import io.agw.gateway.llm.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bedrock ConverseStream (binary event-stream frames) to an OpenAI Responses client: events named
 * by their {@code type}, as OpenAI sends them.
 */
public final class BedrockToResponsesStream extends StreamTranslator {

  private final BedrockResponsesStreamMapper mapper;

  public BedrockToResponsesStream(String model) {
    super(Dialect.OPENAI, new AwsEventStreamFraming());
    this.mapper = new BedrockResponsesStreamMapper(model);
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

  private static void write(List<ObjectNode> events, List<String> out) {
    for (ObjectNode e : events) {
      out.add(SseWriter.write(new SseEvent(e.path("type").asString(), WireJson.write(e))));
    }
  }
}
