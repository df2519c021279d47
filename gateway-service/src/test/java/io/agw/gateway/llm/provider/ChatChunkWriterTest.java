package io.agw.gateway.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ChatUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an OpenAI chat client receives for the chunks a stream mapper produces: the usage in a chunk
 * of its own only when it asked for it, whether the mapper put the usage on the finish chunk
 * (Anthropic) or in a usage-only chunk (Gemini, Bedrock), and {@code [DONE]} at the end.
 */
class ChatChunkWriterTest {

  private static final ChatUsage USAGE = new ChatUsage(5L, 2L, 7L, null, null, null, null, null);

  private static ChatCompletionChunk chunk(String finishReason, ChatUsage usage) {
    ChatCompletionChunk.Delta delta =
        new ChatCompletionChunk.Delta(
            null, finishReason == null ? "Hi" : null, null, null, null, null);
    return new ChatCompletionChunk(
        "c1",
        ChatCompletionChunk.OBJECT,
        1L,
        "m",
        List.of(new ChatCompletionChunk.Choice(0, delta, finishReason, null)),
        usage,
        null,
        null,
        null);
  }

  private static ChatCompletionChunk usageOnly() {
    return new ChatCompletionChunk(
        "c1", ChatCompletionChunk.OBJECT, 1L, "m", List.of(), USAGE, null, null, null);
  }

  private static List<SseEvent> written(boolean includeUsage, List<ChatCompletionChunk> chunks) {
    ChatChunkWriter writer = new ChatChunkWriter(includeUsage);
    List<String> out = new ArrayList<>();
    chunks.forEach(c -> writer.write(c, out));
    writer.finish(out);
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(String.join("", out)));
    events.addAll(parser.finish());
    return events;
  }

  private static JsonNode json(SseEvent event) {
    return WireJson.tree(event.data());
  }

  @Test
  void usageOnTheFinishChunkIsSplitIntoAUsageChunkWhenAsked() {
    List<SseEvent> events = written(true, List.of(chunk(null, null), chunk("stop", USAGE)));

    assertThat(events).hasSize(4);
    assertThat(json(events.get(1)).path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("stop");
    assertThat(json(events.get(1)).has("usage")).isFalse();
    assertThat(json(events.get(2)).path("choices").size()).isZero();
    assertThat(json(events.get(2)).path("usage").path("total_tokens").asLong()).isEqualTo(7L);
    assertThat(events.get(3).isDone()).isTrue();
  }

  @Test
  void noUsageIsSentWhenNotAskedWhereverTheMapperPutIt() {
    List<SseEvent> fromFinish = written(false, List.of(chunk(null, null), chunk("stop", USAGE)));
    List<SseEvent> fromUsageOnly =
        written(false, List.of(chunk(null, null), chunk("stop", null), usageOnly()));

    for (List<SseEvent> events : List.of(fromFinish, fromUsageOnly)) {
      assertThat(events).hasSize(3);
      assertThat(events.subList(0, 2)).noneMatch(e -> json(e).has("usage"));
      assertThat(json(events.get(1)).path("choices").get(0).path("finish_reason").asString())
          .isEqualTo("stop");
      assertThat(events.get(2).isDone()).isTrue();
    }
  }

  @Test
  void aUsageOnlyChunkIsSentAsItIsWhenAsked() {
    List<SseEvent> events = written(true, List.of(chunk("stop", null), usageOnly()));

    assertThat(events).hasSize(3);
    assertThat(json(events.get(1)).path("usage").path("prompt_tokens").asLong()).isEqualTo(5L);
    assertThat(events.get(2).isDone()).isTrue();
  }
}
