package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.provider.StreamDecoder;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Bedrock ConverseStream: binary event-stream frames ({@link AwsEventStreamFraming}) whose
 * named events become Converse stream events; an exception frame becomes a {@link
 * ConverseStreamEvent.Failure}, which the mapper ends the stream with. Stateless.
 */
public final class BedrockStreamDecoder implements StreamDecoder<ConverseStreamEvent> {

  public static final BedrockStreamDecoder INSTANCE = new BedrockStreamDecoder();

  private BedrockStreamDecoder() {}

  @Override
  public ConverseStreamEvent decode(SseEvent event) {
    if (AwsEventStreamFraming.ERROR.equals(event.event())) {
      JsonNode error = WireJson.tree(event.data());
      return new ConverseStreamEvent.Failure(
          error.path("type").asString("exception"), error.path("message").asString(""));
    }
    return ConverseStreamEvent.parse(event.event() == null ? "" : event.event(), event.data());
  }

  @Override
  public StreamTranslator.Framing framing() {
    return new AwsEventStreamFraming();
  }
}
