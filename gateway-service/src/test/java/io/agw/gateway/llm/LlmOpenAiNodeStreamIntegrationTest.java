package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.OpenAiNodeStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The npm {@code openai} package's stream helper ({@code client.chat.completions.stream}) as the
 * client of the chat completions front door, against a translated route (Anthropic provider) and an
 * OpenAI one; asserts what the package assembled from the gateway's stream.
 */
class LlmOpenAiNodeStreamIntegrationTest extends LlmGatewayTestBase {

  private static JsonNode stream(String prefix, String model, boolean tools) {
    OpenAiNodeStream.Run run =
        OpenAiNodeStream.run("http://127.0.0.1:" + PORT + prefix + "/v1", model, tools);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String[] lines = run.stdout().strip().split("\n");
    return WireJson.tree(lines[lines.length - 1]);
  }

  @Test
  void streamHelperAssemblesATranslatedAnthropicStreamWithTools() {
    JsonNode result = stream("/anthropic", "claude-tool", true);

    assertThat(result.path("text").asString()).isEqualTo("Checking both.");
    assertThat(result.path("finishReason").asString()).isEqualTo("tool_calls");
    JsonNode calls = result.path("toolCalls");
    assertThat(calls.size()).isEqualTo(2);
    assertThat(calls.get(0).path("id").asString()).isEqualTo("toolu_a");
    assertThat(calls.get(0).path("name").asString()).isEqualTo("get_weather");
    assertThat(WireJson.tree(calls.get(0).path("arguments").asString()).path("city").asString())
        .isEqualTo("Paris");
    assertThat(WireJson.tree(calls.get(1).path("arguments").asString()).path("city").asString())
        .isEqualTo("Berlin");
    assertThat(result.path("usage").path("completion_tokens").asInt()).isEqualTo(40);
    assertThat(result.path("chunks").asInt()).isGreaterThan(3);

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertThat(received.uri()).isEqualTo("/v1/messages");
    assertThat(received.headers()).containsEntry("x-api-key", ANTHROPIC_KEY);
    assertThat(received.headers().toString()).doesNotContain("sk-node-client-key");
    assertThat(received.json().path("tools").get(0).path("input_schema").path("type").asString())
        .isEqualTo("object");
  }

  @Test
  void streamHelperAssemblesATranslatedAnthropicTextStream() {
    JsonNode result = stream("/anthropic", "claude-haiku", false);

    assertThat(result.path("text").asString())
        .isEqualTo("Hi there! How are you doing today? Is there anything I can help you with?");
    assertThat(result.path("contentDeltas").asInt()).isEqualTo(5);
    assertThat(result.path("finishReason").asString()).isEqualTo("stop");
    assertThat(result.path("toolCalls").size()).isZero();
    assertThat(result.path("usage").path("prompt_tokens").asInt()).isEqualTo(15);
    assertThat(result.path("usage").path("completion_tokens").asInt()).isEqualTo(21);
  }

  @Test
  void streamHelperAssemblesAnOpenAiStream() {
    JsonNode result = stream("/openai", "gpt-4o-tool", true);

    assertThat(result.path("text").asString()).isEqualTo("On it.");
    assertThat(result.path("finishReason").asString()).isEqualTo("tool_calls");
    assertThat(result.path("toolCalls").findValuesAsString("id"))
        .containsExactly("call_a", "call_b");
    assertThat(result.path("usage").path("prompt_tokens").asInt()).isEqualTo(100);

    ProviderSimulator.Received received = OPENAI.last();
    assertThat(received.headers())
        .containsEntry("authorization", "Bearer sk-gateway-openai-secret");
    assertThat(received.headers().toString()).doesNotContain("sk-node-client-key");
  }
}
