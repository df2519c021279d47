package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A Gemini {@code streamGenerateContent} stream to an OpenAI chat completions client, ending with
 * {@code [DONE]}. The usage-only chunk is sent only when the client asked for it ({@code
 * stream_options.include_usage}); the usage is recorded either way. Gemini has no end marker: the
 * stream is complete once a chunk carries a finish reason.
 */
public final class GeminiToChatStream extends StreamTranslator {

  private final GeminiStreamMapper mapper;
  private final boolean sendUsageChunk;

  /**
   * @param model the model sent upstream
   * @param sendUsageChunk whether the client asked for the usage chunk
   */
  public GeminiToChatStream(String model, boolean sendUsageChunk) {
    super(Dialect.OPENAI);
    this.mapper = new GeminiStreamMapper(model);
    this.sendUsageChunk = sendUsageChunk;
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    for (ChatCompletionChunk chunk : mapper.map(parse(event))) {
      if (!sendUsageChunk && chunk.choices().isEmpty()) {
        continue;
      }
      out.add(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
    }
    if (mapper.finished()) {
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    out.add(SseWriter.write(SseEvent.done()));
  }

  /** One Gemini chunk; an error object inside the stream ends it with the client's error event. */
  static GenerateContentResponse parse(SseEvent event) {
    JsonNode tree = WireJson.tree(event.data());
    if (tree.path("error").isObject()) {
      throw new StreamErrorException(
          "api_error", tree.path("error").path("message").asString("stream error"));
    }
    return WireJson.mapper().treeToValue(tree, GenerateContentResponse.class);
  }
}
