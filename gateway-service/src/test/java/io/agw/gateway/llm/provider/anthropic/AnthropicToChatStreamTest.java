package io.agw.gateway.llm.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.StreamingClients;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The chunks an OpenAI client gets for a recorded Anthropic stream, fed in one piece. */
class AnthropicToChatStreamTest {

  private StreamTranslator stream;

  private List<JsonNode> chunks(boolean includeUsage) throws IOException {
    byte[] upstream;
    try (InputStream in =
        AnthropicToChatStreamTest.class.getResourceAsStream(
            "/llm/response/anthropic/stream_basic.json")) {
      upstream = in.readAllBytes();
    }
    stream =
        StreamingClients.translator(
            ClientApi.COMPLETIONS, Dialect.ANTHROPIC, "claude-sonnet-4-5", includeUsage);
    List<String> out = new ArrayList<>(stream.onBytes(upstream));
    out.addAll(stream.onEnd());
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(String.join("", out).getBytes()));
    events.addAll(parser.finish());
    assertThat(events.get(events.size() - 1).isDone()).isTrue();
    return events.subList(0, events.size() - 1).stream().map(e -> WireJson.tree(e.data())).toList();
  }

  @Test
  void usageComesInAChunkOfItsOwnAfterTheFinishReason() throws IOException {
    List<JsonNode> chunks = chunks(true);
    JsonNode finish = chunks.get(chunks.size() - 2);
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(finish.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
    assertThat(finish.has("usage")).isFalse();
    assertThat(usage.path("choices").isArray()).isTrue();
    assertThat(usage.path("choices").size()).isZero();
    assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(15);
    assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(21);
  }

  @Test
  void noUsageChunkWhenTheClientDidNotAskButUsageIsStillRecorded() throws IOException {
    List<JsonNode> chunks = chunks(false);
    assertThat(chunks).allSatisfy(c -> assertThat(c.path("choices").size()).isOne());
    assertThat(chunks).noneMatch(c -> c.has("usage"));
    assertThat(
            chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("stop");
    // The gateway's own accounting (metrics, access log) still has it.
    assertThat(stream.usage().outputTokens()).isEqualTo(21L);
  }
}
