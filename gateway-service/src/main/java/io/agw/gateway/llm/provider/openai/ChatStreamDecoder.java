package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamDecoder;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the chunks of an OpenAI chat completions stream (SSE, OpenAI's or an OpenAI-compatible
 * endpoint's), which ends with {@code data: [DONE]}: as records ({@link #CHUNKS}), or as JSON trees
 * for a mapper that reads the chunk, and an error in it, itself ({@link #TREES}). Stateless.
 *
 * @param <T> the type a chunk is read as
 */
public final class ChatStreamDecoder<T> implements StreamDecoder<T> {

  /**
   * Chunks as records; an {@code error} object inside the stream ends it with the client's error
   * event.
   */
  public static final ChatStreamDecoder<ChatCompletionChunk> CHUNKS =
      new ChatStreamDecoder<>(ChatStreamDecoder::chunk);

  /** Chunks as JSON trees, errors included. */
  public static final ChatStreamDecoder<JsonNode> TREES =
      new ChatStreamDecoder<>(event -> WireJson.tree(event.data()));

  private final Function<SseEvent, T> read;

  private ChatStreamDecoder(Function<SseEvent, T> read) {
    this.read = read;
  }

  @Override
  public boolean isEnd(SseEvent event) {
    return event.isDone();
  }

  @Override
  public T decode(SseEvent event) {
    return read.apply(event);
  }

  private static ChatCompletionChunk chunk(SseEvent event) {
    ChatCompletionChunk chunk = WireJson.read(event.data(), ChatCompletionChunk.class);
    if (chunk.extra() != null && chunk.extra().containsKey("error")) {
      JsonNode error = chunk.extra().get("error");
      throw new StreamErrorException("api_error", error.path("message").asString("stream error"));
    }
    return chunk;
  }
}
