package io.agw.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo model's endpoints on a real HTTP server, called by the official OpenAI Java SDK: the
 * answer says it is the demo and reflects the message, the usage counts tokens, a stream arrives in
 * several chunks that add up to the same answer and ends with usage when asked, a tool named in the
 * prompt is called, {@code max_tokens} cuts the answer, and bad requests get OpenAI's 400.
 */
class DemoModelTest {

  static final DisposableServer SERVER =
      HttpServer.create()
          .host("127.0.0.1")
          .port(0)
          .handle(
              new ReactorHttpHandlerAdapter(
                  RouterFunctions.toHttpHandler(new DemoModelRoutes(Clock.systemUTC()).routes())))
          .bindNow();

  static final OpenAIClient OPENAI =
      OpenAIOkHttpClient.builder()
          .apiKey("not-needed")
          .baseUrl("http://127.0.0.1:" + SERVER.port() + "/demo/llm/v1")
          .maxRetries(0)
          .timeout(Duration.ofSeconds(20))
          .build();

  @AfterAll
  static void stop() {
    SERVER.disposeNow();
  }

  static ChatCompletionCreateParams.Builder chat(String message) {
    return ChatCompletionCreateParams.builder().model("agw-demo").addUserMessage(message);
  }

  @Test
  void answersAsTheDemoAndReflectsTheLastUserMessage() {
    ChatCompletion completion =
        OPENAI.chat().completions().create(chat("Hello gateway, how are you?").build());

    assertThat(completion.model()).isEqualTo("agw-demo");
    assertThat(completion.systemFingerprint()).hasValue("agw-demo");
    String text = completion.choices().get(0).message().content().orElseThrow();
    assertThat(text)
        .startsWith("This is agw-demo, the gateway's built-in demo model: not a real LLM.")
        .contains("Your message has 5 words and 27 characters.")
        .endsWith("You wrote: Hello gateway, how are you?");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    var usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isGreaterThan(5);
    assertThat(usage.completionTokens()).isGreaterThan(20);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());

    // Deterministic: the same prompt, the same answer and counts.
    ChatCompletion again =
        OPENAI.chat().completions().create(chat("Hello gateway, how are you?").build());
    assertThat(again.choices().get(0).message().content()).hasValue(text);
    assertThat(again.usage()).isEqualTo(completion.usage());
  }

  @Test
  void streamsTheSameAnswerInSeveralChunksWithUsageLast() {
    ChatCompletion whole =
        OPENAI.chat().completions().create(chat("Stream this sentence to me").build());
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        OPENAI
            .chat()
            .completions()
            .createStreaming(
                chat("Stream this sentence to me")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunks.add(chunk);
                accumulator.accumulate(chunk);
              });
    }
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks).allSatisfy(c -> assertThat(c.systemFingerprint()).hasValue("agw-demo"));
    ChatCompletion streamed = accumulator.chatCompletion();
    assertThat(streamed.choices().get(0).message().content())
        .isEqualTo(whole.choices().get(0).message().content());
    assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(whole.usage());
  }

  @Test
  void aStreamWithoutIncludeUsageHasNoUsageChunk() {
    try (StreamResponse<ChatCompletionChunk> stream =
        OPENAI.chat().completions().createStreaming(chat("No usage please").build())) {
      assertThat(stream.stream().toList()).allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }
  }

  @Test
  void callsAToolTheMessageNames() {
    ChatCompletion completion =
        OPENAI
            .chat()
            .completions()
            .create(
                chat("Please use get_weather for Paris")
                    .addTool(
                        ChatCompletionFunctionTool.builder()
                            .function(
                                FunctionDefinition.builder()
                                    .name("get_weather")
                                    .parameters(
                                        FunctionParameters.builder()
                                            .putAdditionalProperty("type", JsonValue.from("object"))
                                            .build())
                                    .build())
                            .build())
                    .build());

    var choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    var call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{}");
  }

  @Test
  void maxTokensCutsTheAnswer() {
    ChatCompletion completion =
        OPENAI.chat().completions().create(chat("A long answer please").maxTokens(4).build());

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
    String cut = completion.choices().get(0).message().content().orElseThrow();
    assertThat(cut).startsWith("This is").hasSizeLessThan(DemoReply.DISCLAIMER.length());
    assertThat(DemoReply.DISCLAIMER).startsWith(cut);
  }

  @Test
  void refusesARequestWithoutMessagesInOpenAiForm() {
    assertThatThrownBy(
            () ->
                OPENAI
                    .chat()
                    .completions()
                    .create(
                        ChatCompletionCreateParams.builder()
                            .model("agw-demo")
                            .messages(List.of())
                            .build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.type()).hasValue("invalid_request_error");
              assertThat(e.param()).hasValue("messages");
            });
  }

  @Test
  void refusesABodyThatIsNotJson() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + SERVER.port() + "/demo/llm/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
    assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asString()).contains("not valid JSON");
  }

  @Test
  void listsTheDemoModel() {
    var models = OPENAI.models().list().data();
    assertThat(models).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("agw-demo"));
    assertThat(models.get(0)._additionalProperties()).isEqualTo(Map.of());
  }
}
