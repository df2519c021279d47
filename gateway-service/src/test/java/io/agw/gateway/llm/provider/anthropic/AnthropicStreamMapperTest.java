package io.agw.gateway.llm.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class AnthropicStreamMapperTest {

  private final AnthropicStreamMapper mapper =
      new AnthropicStreamMapper(Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC));

  private List<ChatCompletionChunk> map(String json) {
    return mapper.map(WireJson.read(json, StreamEvent.class));
  }

  private static String json(List<ChatCompletionChunk> chunks) {
    assertThat(chunks).hasSize(1);
    return WireJson.write(chunks.get(0));
  }

  @Test
  void mapsEventByEvent() {
    assertThat(
            map(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\","
                    + "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":4,\"output_tokens\":1}}}"))
        .isEmpty();
    assertThat(map("{\"type\":\"ping\"}")).isEmpty();
    assertThat(
            map(
                "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"))
        .isEmpty();
    assertThat(
            json(
                map(
                    "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}")))
        .isEqualTo(
            "{\"id\":\"msg_1\",\"object\":\"chat.completion.chunk\",\"created\":1000,\"model\":\"claude\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"hmm\"}}]}");
    assertThat(
            map(
                "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig\"}}"))
        .isEmpty();
    assertThat(map("{\"type\":\"content_block_stop\",\"index\":0}")).isEmpty();
    assertThat(
            json(
                map(
                    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}")))
        .contains(
            "\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\"}}]}");
    assertThat(
            map(
                "{\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}"))
        .isEmpty();
    assertThat(
            json(
                map(
                    "{\"type\":\"content_block_delta\",\"index\":1,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":1}\"}}")))
        .contains("\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}]");
    assertThat(map("{\"type\":\"content_block_stop\",\"index\":1}")).isEmpty();
    assertThat(
            map(
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"g\",\"input\":{}}}"))
        .hasSize(1);
    assertThat(json(map("{\"type\":\"content_block_stop\",\"index\":2}")))
        .as("a call without arguments still gets parseable arguments")
        .contains("\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]");
    assertThat(
            map(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                    + "\"usage\":{\"output_tokens\":30}}"))
        .isEmpty();
    assertThat(json(map("{\"type\":\"message_stop\"}")))
        .contains("\"finish_reason\":\"tool_calls\"")
        .contains(
            "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":30,\"total_tokens\":40,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4,\"cache_write_tokens\":0},"
                + "\"cache_read_input_tokens\":4}");
    assertThat(mapper.finish()).as("already finished").isEmpty();
    assertThat(mapper.usage())
        .isEqualTo(new TokenUsage(10L, 30L, 40L, 4L, null, null, null, "claude"));
  }

  @Test
  void finishEndsATruncatedStream() {
    map("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}");
    map(
        "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}");
    assertThat(json(mapper.finish())).contains("\"finish_reason\":\"stop\"");
  }

  @Test
  void nothingStartedMeansNothingToFinish() {
    assertThat(mapper.finish()).isEmpty();
  }

  @Test
  void upstreamErrorEventIsRaised() {
    assertThatThrownBy(
            () ->
                map(
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}"))
        .isInstanceOfSatisfying(
            StreamErrorException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("overloaded_error");
              assertThat(e.getMessage()).isEqualTo("Overloaded");
            });
  }

  @Test
  void mapsAFlux() {
    Flux<StreamEvent> events =
        Flux.just(
                "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}")
            .map(s -> WireJson.read(s, StreamEvent.class));
    StepVerifier.create(mapper.map(events))
        .assertNext(c -> assertThat(c.choices().get(0).delta().content()).isEqualTo("hi"))
        .assertNext(c -> assertThat(c.choices().get(0).finishReason()).isEqualTo("stop"))
        .verifyComplete();
  }
}
