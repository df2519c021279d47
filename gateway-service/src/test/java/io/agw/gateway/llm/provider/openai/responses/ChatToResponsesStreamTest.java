package io.agw.gateway.llm.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.provider.StreamingClients;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Responses events an OpenAI client gets for chat chunks from Gemini's OpenAI endpoint. */
class ChatToResponsesStreamTest {

  private static final String TEXT_STREAM =
      """
      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"lo"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gemini-2.5-flash","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

      data: [DONE]

      """;

  private static final String TOOL_STREAM =
      """
      data: {"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"loc"}}]}}]}

      data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ation\\":\\"Paris\\"}"}}]}}]}

      data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

      data: [DONE]

      """;

  private StreamTranslator stream;

  private List<SseEvent> run(String upstream) {
    stream =
        StreamingClients.translator(ClientApi.RESPONSES, Dialect.GEMINI, "gemini-2.5-flash", false);
    byte[] bytes = upstream.getBytes(StandardCharsets.UTF_8);
    // Fed in two pieces cut inside an event, as bytes arrive from the network.
    List<String> out = new ArrayList<>(stream.onBytes(java.util.Arrays.copyOf(bytes, 40)));
    out.addAll(stream.onBytes(java.util.Arrays.copyOfRange(bytes, 40, bytes.length)));
    out.addAll(stream.onEnd());
    SseParser parser = new SseParser();
    List<SseEvent> events = new ArrayList<>(parser.feed(String.join("", out).getBytes()));
    events.addAll(parser.finish());
    return events;
  }

  private static List<String> types(List<SseEvent> events) {
    return events.stream().map(SseEvent::event).toList();
  }

  @Test
  void textChunksBecomeAMessageItemAndTheCompletionCarriesTheUsage() {
    List<SseEvent> events = run(TEXT_STREAM);

    assertThat(types(events))
        .containsExactly(
            "response.created",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertThat(events).noneMatch(SseEvent::isDone);
    JsonNode delta = WireJson.tree(events.get(4).data());
    assertThat(delta.path("delta").asString()).isEqualTo("lo");
    assertThat(delta.path("sequence_number").asInt()).isEqualTo(5);
    JsonNode completed = WireJson.tree(events.get(8).data()).path("response");
    assertThat(completed.path("status").asString()).isEqualTo("completed");
    assertThat(completed.path("model").asString()).isEqualTo("gemini-2.5-flash");
    assertThat(completed.path("output").get(0).path("content").get(0).path("text").asString())
        .isEqualTo("Hello");
    assertThat(completed.path("usage").path("input_tokens").asLong()).isEqualTo(5);
    assertThat(completed.path("usage").path("output_tokens").asLong()).isEqualTo(2);
    assertThat(stream.usage().totalTokens()).isEqualTo(7L);
  }

  @Test
  void toolCallChunksBecomeAFunctionCallItemWithItsArguments() {
    List<SseEvent> events = run(TOOL_STREAM);

    assertThat(types(events))
        .containsExactly(
            "response.created",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    JsonNode done = WireJson.tree(events.get(5).data()).path("item");
    assertThat(done.path("type").asString()).isEqualTo("function_call");
    assertThat(done.path("call_id").asString()).isEqualTo("call_1");
    assertThat(done.path("name").asString()).isEqualTo("get_weather");
    assertThat(done.path("arguments").asString()).isEqualTo("{\"location\":\"Paris\"}");
  }

  @Test
  void aStreamCutBeforeDoneEndsWithAnError() {
    List<SseEvent> events = run(TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("data: [DONE]")));

    SseEvent last = events.get(events.size() - 1);
    assertThat(last.data()).contains("error");
    assertThat(types(events)).doesNotContain("response.completed");
  }
}
