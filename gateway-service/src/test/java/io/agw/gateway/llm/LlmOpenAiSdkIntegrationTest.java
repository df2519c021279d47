package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.agw.gateway.llm.sim.ProviderSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official OpenAI Java SDK as the client of the gateway's chat completions front door: every
 * response and stream is parsed by the SDK (its stream accumulator included), against a route whose
 * provider is Anthropic (translated both ways) and one whose provider is OpenAI.
 */
class LlmOpenAiSdkIntegrationTest extends LlmGatewayTestBase {

  private static final String CLIENT_KEY = "sk-client-own-key";

  private static OpenAIClient openAi(String prefix) {
    return OpenAIOkHttpClient.builder()
        .apiKey(CLIENT_KEY)
        .baseUrl("http://127.0.0.1:" + PORT + prefix + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static ChatCompletionCreateParams.Builder chat(String model, boolean tools) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the weather?");
    if (tools) {
      params.addTool(
          ChatCompletionFunctionTool.builder()
              .function(
                  FunctionDefinition.builder()
                      .name("get_weather")
                      .description("Current weather in a city")
                      .parameters(
                          FunctionParameters.builder()
                              .putAdditionalProperty("type", JsonValue.from("object"))
                              .putAdditionalProperty(
                                  "properties",
                                  JsonValue.from(Map.of("city", Map.of("type", "string"))))
                              .build())
                      .build())
              .build());
    }
    return params;
  }

  private static ChatCompletion stream(OpenAIClient client, ChatCompletionCreateParams params) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int[] chunks = {0};
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(params)) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks[0]++;
                accumulator.accumulate(chunk);
              });
    }
    // A stream that arrived as one chunk would not be a stream.
    assertThat(chunks[0]).isGreaterThan(2);
    return accumulator.chatCompletion();
  }

  private static List<ChatCompletionMessageFunctionToolCall> functionCalls(ChatCompletion c) {
    return c.choices().get(0).message().toolCalls().orElse(List.of()).stream()
        .map(ChatCompletionMessageToolCall::asFunction)
        .toList();
  }

  private static void assertAnthropicUpstreamGotTheGatewayKey(ProviderSimulator.Received r) {
    assertThat(r.uri()).isEqualTo("/v1/messages");
    assertThat(r.headers()).containsEntry("x-api-key", ANTHROPIC_KEY);
    assertThat(r.headers()).doesNotContainKey("authorization");
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  private static void assertOpenAiUpstreamGotTheGatewayKey(ProviderSimulator.Received r) {
    assertThat(r.uri()).isEqualTo("/v1/chat/completions");
    assertThat(r.headers()).containsEntry("authorization", "Bearer sk-gateway-openai-secret");
    assertThat(r.headers()).doesNotContainKey("x-api-key");
    assertThat(r.headers().toString()).doesNotContain(CLIENT_KEY);
  }

  @Test
  void openAiSdkToAnthropicProvider() {
    ChatCompletion completion =
        openAi("/anthropic").chat().completions().create(chat("claude-haiku", false).build());

    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content())
        .hasValue("Hi there! How are you doing today? Is there anything I can help you with?");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.model()).isEqualTo("claude-haiku-4-5-20251001");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(15);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(21);

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertAnthropicUpstreamGotTheGatewayKey(received);
    JsonNode body = received.json();
    assertThat(body.path("model").asString()).isEqualTo("claude-haiku");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(body.path("system").toString()).contains("Be kind.");
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
    assertThat(body.path("messages").get(0).toString()).contains("What is the weather?");
  }

  @Test
  void openAiSdkToAnthropicProviderWithTools() {
    ChatCompletion completion =
        openAi("/anthropic").chat().completions().create(chat("claude-tool", true).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(completion);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).id()).isEqualTo("toolu_01Weather");
    assertThat(calls.get(0).function().name()).isEqualTo("get_weather");
    assertThat(calls.get(0).function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(completion.choices().get(0).message().content())
        .hasValue("Let me check the weather.");
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(35);

    JsonNode tool = ANTHROPIC.last().json().path("tools").get(0);
    assertThat(tool.path("name").asString()).isEqualTo("get_weather");
    assertThat(tool.path("description").asString()).isEqualTo("Current weather in a city");
    assertThat(tool.path("input_schema").path("properties").path("city").path("type").asString())
        .isEqualTo("string");
  }

  @Test
  void openAiSdkStreamFromAnthropicProviderWithTools() {
    ChatCompletion completion =
        stream(
            openAi("/anthropic"),
            chat("claude-tool", true)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());

    assertThat(completion.choices().get(0).message().content()).hasValue("Checking both.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageFunctionToolCall> calls = functionCalls(completion);
    assertThat(calls)
        .extracting(c -> c.function().name())
        .containsExactly("get_weather", "get_weather");
    assertThat(calls)
        .extracting(c -> c.function().arguments())
        .containsExactly("{\"city\": \"Paris\"}", "{\"city\": \"Berlin\"}");
    assertThat(calls)
        .extracting(ChatCompletionMessageFunctionToolCall::id)
        .containsExactly("toolu_a", "toolu_b");
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(40);

    ProviderSimulator.Received received = ANTHROPIC.last();
    assertAnthropicUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("stream").asBoolean()).isTrue();
    assertThat(received.json().path("tools").get(0).path("name").asString())
        .isEqualTo("get_weather");
  }

  @Test
  void openAiSdkStreamFromAnthropicProviderText() {
    ChatCompletion completion = stream(openAi("/anthropic"), chat("claude-haiku", false).build());

    assertThat(completion.choices().get(0).message().content())
        .hasValue("Hi there! How are you doing today? Is there anything I can help you with?");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    // The client did not ask for usage: the SDK sees no usage chunk.
    assertThat(completion.usage()).isEmpty();
  }

  @Test
  void openAiSdkToOpenAiProvider() {
    ChatCompletion completion =
        openAi("/openai").chat().completions().create(chat("gpt-4o", false).build());

    assertThat(completion.choices().get(0).message().content().orElseThrow())
        .startsWith("Sorry, I couldn't find the name of the LLM provider.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(40);

    ProviderSimulator.Received received = OPENAI.last();
    assertOpenAiUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("messages").get(0).path("content").asString())
        .isEqualTo("Be brief.");
    assertThat(received.json().path("temperature").asDouble()).isEqualTo(0.3);
  }

  @Test
  void openAiSdkToOpenAiProviderWithTools() {
    ChatCompletion completion =
        openAi("/openai").chat().completions().create(chat("gpt-4o-tool", true).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(functionCalls(completion))
        .extracting(c -> c.function().name(), c -> c.function().arguments())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "get_weather", "{\"location\": \"San Francisco\", \"unit\": \"celsius\"}"),
            org.assertj.core.groups.Tuple.tuple("search_web", "{\"query\": \"Claude AI\"}"));
    assertThat(OPENAI.last().json().path("tools").get(0).path("function").path("name").asString())
        .isEqualTo("get_weather");
  }

  @Test
  void openAiSdkStreamFromOpenAiProviderWithTools() {
    ChatCompletion completion =
        stream(
            openAi("/openai"),
            chat("gpt-4o-tool", true)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build());

    assertThat(completion.choices().get(0).message().content()).hasValue("On it.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(functionCalls(completion))
        .extracting(c -> c.function().arguments())
        .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Berlin\"}");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(100);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(30);

    ProviderSimulator.Received received = OPENAI.last();
    assertOpenAiUpstreamGotTheGatewayKey(received);
    assertThat(received.json().path("stream").asBoolean()).isTrue();
  }
}
