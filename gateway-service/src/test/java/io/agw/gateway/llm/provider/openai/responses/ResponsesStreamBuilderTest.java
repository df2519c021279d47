package io.agw.gateway.llm.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.openai.ResponseContent;
import io.agw.gateway.llm.wire.openai.ResponseItem;
import io.agw.gateway.llm.wire.openai.ResponseUsage;
import io.agw.gateway.llm.wire.openai.ResponsesResponse;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Responses events the shared stream builder writes, as an OpenAI SDK accumulates them. */
class ResponsesStreamBuilderTest {

  private final ResponsesStreamBuilder builder =
      new ResponsesStreamBuilder(
          "m", Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));
  private final List<ResponsesStreamEvent> out = new ArrayList<>();

  @Test
  void eachItemKeepsItsIdAndIndexFromAddedToDoneAndTheCompletionHoldsThemAll() {
    builder.start(out);
    builder.start(out);
    var reasoning = builder.openReasoning(out);
    builder.summaryDelta(reasoning, "Think", out);
    builder.close(reasoning, out);
    var message = builder.openMessage(out);
    var call = builder.openFunctionCall("call_1", "get_weather", out);
    builder.textDelta(message, "Hi", out);
    builder.argumentsDelta(call, "{\"city\":", out);
    builder.argumentsDelta(call, "\"Paris\"}", out);
    builder.close(message, out);
    builder.close(call, out);
    ResponseUsage usage = ResponseUsage.of(3, 0, null, 4, 1, 7);
    builder.complete(false, usage, out);
    builder.complete(false, usage, out);

    List<JsonNode> events = out.stream().map(WireJson::toTree).toList();
    assertThat(events.stream().map(e -> e.path("type").asString()))
        .containsExactly(
            "response.created",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_item.added",
            "response.output_text.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).path("sequence_number").asInt()).isEqualTo(i + 1);
    }
    for (JsonNode e : events) {
      if (e.has("item_id")) {
        String expectedId =
            switch (e.path("output_index").asInt()) {
              case 0 -> events.get(1).path("item").path("id").asString();
              case 1 -> events.get(7).path("item").path("id").asString();
              default -> events.get(9).path("item").path("id").asString();
            };
        assertThat(e.path("item_id").asString()).as(e.toString()).isEqualTo(expectedId);
      }
    }
    assertThat(events.get(1).path("item").path("id").asString()).startsWith("rs_");
    assertThat(events.get(7).path("item").path("id").asString()).startsWith("msg_");
    assertThat(events.get(9).path("item").path("id").asString()).startsWith("fc_");
    assertThat(events.get(9).path("output_index").asInt()).isEqualTo(2);

    ResponsesResponse done = builder.finalResponse();
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.createdAt()).isEqualTo(1700000000L);
    assertThat(done.id())
        .isEqualTo(events.get(0).path("response").path("id").asString())
        .startsWith("resp_");
    assertThat(done.usage()).isEqualTo(usage);
    assertThat(done.output()).hasSize(3);
    assertThat(((ResponseItem.Reasoning) done.output().get(0)).summary())
        .containsExactly(new ResponseItem.SummaryText("Think"));
    assertThat(((ResponseItem.Message) done.output().get(1)).content())
        .containsExactly(new ResponseContent.OutputText("Hi"));
    ResponseItem.FunctionCall fc = (ResponseItem.FunctionCall) done.output().get(2);
    assertThat(fc.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(fc.status()).isEqualTo("completed");
    assertThat(fc.callId()).isEqualTo("call_1");
  }

  @Test
  void aTruncatedAnswerEndsIncompleteAndACallWithoutArgumentsGetsAnEmptyObject() {
    builder.start(out);
    var call = builder.openFunctionCall("call_1", "now", out);
    builder.close(call, out);
    builder.complete(true, null, out);

    ResponsesStreamEvent last = out.get(out.size() - 1);
    assertThat(last.type()).isEqualTo("response.incomplete");
    assertThat(builder.finalResponse().status()).isEqualTo("incomplete");
    assertThat(builder.finalResponse().usage()).isNull();
    assertThat(((ResponseItem.FunctionCall) builder.finalResponse().output().get(0)).arguments())
        .isEqualTo("{}");
  }
}
