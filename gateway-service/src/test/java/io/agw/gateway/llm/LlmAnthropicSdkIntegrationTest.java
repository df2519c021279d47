package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import io.agw.gateway.llm.sim.ProviderSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official Anthropic Java SDK as the client of the gateway's Messages front door: every
 * response and stream is parsed by the SDK (its {@link MessageAccumulator} included), against a
 * route whose provider is OpenAI (translated both ways) and one whose provider is Anthropic.
 */
class LlmAnthropicSdkIntegrationTest extends LlmGatewayTestBase {

  private static final String CLIENT_KEY = "sk-ant-client-own-key";

  private static AnthropicClient anthropic(String prefix) {
    return AnthropicOkHttpClient.builder()
        .apiKey(CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + PORT + prefix)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static MessageCreateParams params(String model, boolean tools) {
    MessageCreateParams.Builder params =
        MessageCreateParams.builder()
            .model(model)
            .maxTokens(256)
            .addUserMessage("What is the weather?");
    if (tools) {
      params.addTool(
          Tool.builder()
              .name("get_weather")
              .description("Current weather in a city")
              .inputSchema(
                  Tool.InputSchema.builder()
                      .properties(
                          Tool.InputSchema.Properties.builder()
                              .putAdditionalProperty(
                                  "city", JsonValue.from(Map.of("type", "string")))
                              .build())
                      .addRequired("city")
                      .build())
              .build());
    }
    return params.build();
  }

  private static Message stream(AnthropicClient client, MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    int[] events = {0};
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream()
          .forEach(
              event -> {
                events[0]++;
                accumulator.accumulate(event);
              });
    }
    assertThat(events[0]).isGreaterThan(3);
    return accumulator.message();
  }

  private static String text(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isText)
        .map(ContentBlock::asText)
        .map(TextBlock::text)
        .reduce("", String::concat);
  }

  private static List<ToolUseBlock> toolUses(Message message) {
    return message.content().stream()
        .filter(ContentBlock::isToolUse)
        .map(ContentBlock::asToolUse)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> input(ToolUseBlock block) {
    return block._input().convert(Map.class);
  }

  private static void assertOpenAiUpstreamGotTheGatewayKey(ProviderSimulator.Received r) {
    assertThat(r.uri()).isEqualTo("/v1/chat/completions");
    assertThat(r.headers()).containsEntry("authorization", "Bearer sk-gateway-openai-secret");
    assertThat(r.headers()).doesNotContainKey("x-api-key");
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  private static void assertAnthropicUpstreamGotTheGatewayKey(ProviderSimulator.Received r) {
    assertThat(r.uri()).isEqualTo("/v1/messages");
    assertThat(r.headers()).containsEntry("x-api-key", ANTHROPIC_KEY);
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  @Test
  void anthropicSdkToOpenAiProvider() {
    Message message = anthropic("/openai").messages().create(params("gpt-4o", false));

    assertThat(text(message)).startsWith("Sorry, I couldn't find the name of the LLM provider.");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.model().asString()).isEqualTo("gpt-3.5-turbo-0125");
    assertThat(message.usage().inputTokens()).isEqualTo(17);
    assertThat(message.usage().outputTokens()).isEqualTo(23);

    ProviderSimulator.Received received = OPENAI.last();
    assertOpenAiUpstreamGotTheGatewayKey(received);
    JsonNode messages = received.json().path("messages");
    assertThat(messages.get(0).path("role").asString()).isEqualTo("system");
    assertThat(messages.get(0).toString()).contains("Be brief.");
    assertThat(messages.get(1).path("role").asString()).isEqualTo("user");
    assertThat(messages.get(1).toString()).contains("What is the weather?");
  }

  @Test
  void anthropicSdkToOpenAiProviderWithTools() {
    Message message = anthropic("/openai").messages().create(params("gpt-4o-tool", true));

    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    List<ToolUseBlock> calls = toolUses(message);
    assertThat(calls).extracting(ToolUseBlock::name).containsExactly("get_weather", "search_web");
    assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_abc123", "call_xyz789");
    assertThat(input(calls.get(0)))
        .isEqualTo(Map.of("location", "San Francisco", "unit", "celsius"));
    assertThat(input(calls.get(1))).isEqualTo(Map.of("query", "Claude AI"));

    JsonNode tool = OPENAI.last().json().path("tools").get(0);
    assertThat(tool.path("type").asString()).isEqualTo("function");
    assertThat(tool.path("function").path("name").asString()).isEqualTo("get_weather");
    assertThat(tool.path("function").path("parameters").path("required").get(0).asString())
        .isEqualTo("city");
  }

  @Test
  void anthropicSdkStreamFromOpenAiProvider() {
    Message message = stream(anthropic("/openai"), params("gpt-4o", false));

    assertThat(text(message)).startsWith("Hi there! How can I help today?");
    assertThat(text(message)).endsWith("and I’ll tailor my help.");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isEqualTo(18);
    assertThat(message.usage().outputTokens()).isEqualTo(286);

    ProviderSimulator.Received received = OPENAI.last();
    assertOpenAiUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("stream").asBoolean()).isTrue();
    assertThat(received.json().path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void anthropicSdkStreamFromOpenAiProviderWithTools() {
    Message message = stream(anthropic("/openai"), params("gpt-4o-tool", true));

    assertThat(text(message)).isEqualTo("On it.");
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    List<ToolUseBlock> calls = toolUses(message);
    assertThat(calls).extracting(ToolUseBlock::id).containsExactly("call_a", "call_b");
    assertThat(calls).extracting(ToolUseBlock::name).containsOnly("get_weather");
    assertThat(input(calls.get(0))).isEqualTo(Map.of("city", "Paris"));
    assertThat(input(calls.get(1))).isEqualTo(Map.of("city", "Berlin"));
    assertThat(message.usage().outputTokens()).isEqualTo(30);
  }

  @Test
  void anthropicSdkToAnthropicProvider() {
    Message message = anthropic("/anthropic").messages().create(params("claude-haiku", false));

    assertThat(text(message))
        .isEqualTo("Hi there! How are you doing today? Is there anything I can help you with?");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().cacheReadInputTokens()).hasValue(12L);

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertAnthropicUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("system").toString()).contains("Be kind.");
    assertThat(received.json().path("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void anthropicSdkStreamFromAnthropicProviderWithTools() {
    Message message = stream(anthropic("/anthropic"), params("claude-tool", true));

    assertThat(text(message)).isEqualTo("Checking both.");
    assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
    List<ToolUseBlock> calls = toolUses(message);
    assertThat(calls).extracting(ToolUseBlock::id).containsExactly("toolu_a", "toolu_b");
    assertThat(input(calls.get(0))).isEqualTo(Map.of("city", "Paris"));
    assertThat(input(calls.get(1))).isEqualTo(Map.of("city", "Berlin"));
    assertThat(message.usage().outputTokens()).isEqualTo(40);

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertAnthropicUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("stream").asBoolean()).isTrue();
    assertThat(received.json().path("tools").get(0).path("input_schema").path("required").get(0))
        .hasToString("\"city\"");
  }
}
