package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamDecoder;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import tools.jackson.databind.JsonNode;

/**
 * Reads the chunks of a Gemini {@code streamGenerateContent?alt=sse} stream. An {@code error}
 * object inside the stream ends it with the client's error event. Gemini has no end marker: the
 * mapper sees completion in the finish reason. Stateless.
 */
public final class GeminiStreamDecoder implements StreamDecoder<GenerateContentResponse> {

  public static final GeminiStreamDecoder INSTANCE = new GeminiStreamDecoder();

  private GeminiStreamDecoder() {}

  @Override
  public GenerateContentResponse decode(SseEvent event) {
    JsonNode tree = WireJson.tree(event.data());
    if (tree.path("error").isObject()) {
      throw new StreamErrorException(
          "api_error", tree.path("error").path("message").asString("stream error"));
    }
    return WireJson.mapper().treeToValue(tree, GenerateContentResponse.class);
  }
}
