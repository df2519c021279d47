package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import tools.jackson.databind.JsonNode;

/** Reads the named events of {@link AwsEventStreamFraming} as Converse stream events. */
final class BedrockStreamEvents {

  private BedrockStreamEvents() {}

  static ConverseStreamEvent parse(SseEvent event) {
    if (AwsEventStreamFraming.ERROR.equals(event.event())) {
      JsonNode error = WireJson.tree(event.data());
      return new ConverseStreamEvent.Failure(
          error.path("type").asString("exception"), error.path("message").asString(""));
    }
    return ConverseStreamEvent.parse(event.event() == null ? "" : event.event(), event.data());
  }
}
