package io.agw.gateway.llm.provider.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.WireJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatToResponsesMapperTest {

  private final ChatToResponsesMapper mapper =
      new ChatToResponsesMapper(Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));

  @Test
  void textToolCallsAndUsageBecomeAResponsesObject() {
    JsonNode completion =
        WireJson.tree(
            """
            {"id":"chatcmpl-1","object":"chat.completion","created":1750000000,
             "model":"gemini-2.5-flash",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
               "content":"Checking both.",
               "tool_calls":[
                 {"id":"call_a","type":"function","function":{"name":"get_weather",
                   "arguments":"{\\"location\\":\\"Columbus\\"}"}},
                 {"id":"call_b","type":"function","function":{"name":"get_weather",
                   "arguments":"{\\"location\\":\\"New York\\"}"}}]}}],
             "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":45,
               "prompt_tokens_details":{"cached_tokens":4},
               "completion_tokens_details":{"reasoning_tokens":3}}}
            """);

    JsonNode response = WireJson.toTree(mapper.toResponse(completion, "unused"));

    assertThat(response.path("id").asString()).startsWith("resp_");
    assertThat(response.path("object").asString()).isEqualTo("response");
    assertThat(response.path("created_at").asLong()).isEqualTo(1750000000L);
    assertThat(response.path("model").asString()).isEqualTo("gemini-2.5-flash");
    assertThat(response.path("status").asString()).isEqualTo("completed");
    JsonNode output = response.path("output");
    assertThat(output.size()).isEqualTo(3);
    assertThat(output.get(0).path("type").asString()).isEqualTo("message");
    assertThat(output.get(0).path("role").asString()).isEqualTo("assistant");
    assertThat(output.get(0).path("content").get(0).path("type").asString())
        .isEqualTo("output_text");
    assertThat(output.get(0).path("content").get(0).path("text").asString())
        .isEqualTo("Checking both.");
    assertThat(output.get(1).path("type").asString()).isEqualTo("function_call");
    assertThat(output.get(1).path("call_id").asString()).isEqualTo("call_a");
    assertThat(output.get(1).path("name").asString()).isEqualTo("get_weather");
    assertThat(output.get(1).path("arguments").asString()).isEqualTo("{\"location\":\"Columbus\"}");
    assertThat(output.get(2).path("call_id").asString()).isEqualTo("call_b");
    JsonNode usage = response.path("usage");
    assertThat(usage.path("input_tokens").asLong()).isEqualTo(12);
    assertThat(usage.path("output_tokens").asLong()).isEqualTo(30);
    assertThat(usage.path("total_tokens").asLong()).isEqualTo(45);
    assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong()).isEqualTo(4);
    assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(3);

    TokenUsage recorded = ResponsesUsage.of(response);
    assertThat(recorded.inputTokens()).isEqualTo(12L);
    assertThat(recorded.outputTokens()).isEqualTo(30L);
    assertThat(recorded.totalTokens()).isEqualTo(45L);
  }

  @Test
  void aTruncatedAnswerIsIncompleteAndAMissingModelFallsBack() {
    JsonNode completion =
        WireJson.tree(
            """
            {"choices":[{"index":0,"finish_reason":"length",
              "message":{"role":"assistant","content":"Once upon"}}]}
            """);

    JsonNode response = WireJson.toTree(mapper.toResponse(completion, "gemini-2.5-pro"));

    assertThat(response.path("status").asString()).isEqualTo("incomplete");
    assertThat(response.path("incomplete_details").path("reason").asString())
        .isEqualTo("max_output_tokens");
    assertThat(response.path("model").asString()).isEqualTo("gemini-2.5-pro");
    assertThat(response.path("created_at").asLong()).isEqualTo(1700000000L);
    assertThat(response.has("usage")).isFalse();
  }
}
