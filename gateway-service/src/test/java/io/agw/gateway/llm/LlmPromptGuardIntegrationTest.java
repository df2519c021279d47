package io.agw.gateway.llm;

import static io.agw.gateway.support.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseParser;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code ai.promptGuard} on real LLM routes in front of the OpenAI and Anthropic simulators ({@code
 * gateway/llm-prompt-guard.yaml}): request guards mask what the provider receives on every front
 * door, reject in the client's error format before any provider is called, keep to their scope;
 * response guards mask or reject the answer; a streamed request on a route with response guards is
 * refused rather than answered unguarded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LlmPromptGuardIntegrationTest {

  @Autowired MeterRegistry meters;

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  private static final int PORT = FreePorts.next();

  /** One of each built-in kind, and the custom pattern. */
  private static final String SENSITIVE =
      "ssn 123-45-6789, card 4111 1111 1111 1111, phone (555) 123-4567,"
          + " mail john@example.com, sin 046 454 286, Project Apollo";

  private static final String MASKED =
      "ssn <SSN>, card <CREDIT_CARD>, phone <PHONE_NUMBER>,"
          + " mail <EMAIL_ADDRESS>, sin <CA_SIN>, <masked>";

  /** Look-alikes: an order id failing the Luhn check, a date, a version. */
  private static final String HARMLESS = "order 4111 1111 1111 1112 on 2024-01-15, v1.2.3";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/llm-prompt-guard.yaml",
            Map.of(
                "PORT",
                Integer.toString(PORT),
                "OPENAI",
                OPENAI.hostPort(),
                "ANTHROPIC",
                ANTHROPIC.hostPort()));
    GatewayConfigFile.register(registry, yaml);
  }

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(20));

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    ANTHROPIC.clear();
  }

  private static String quoted(String text) {
    return WireJson.write(text);
  }

  @Test
  void chatCompletionsReachTheProviderMaskedWhileLookAlikesStay() {
    var result =
        gateway.post(
            "/mask/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":["
                + "{\"role\":\"user\",\"content\":"
                + quoted(SENSITIVE)
                + "},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                + quoted(HARMLESS)
                + "},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://img.example/john@example.com.png\"}}]}]}");

    assertThat(result.getStatus().value()).isEqualTo(200);
    JsonNode sent = OPENAI.last().json();
    JsonNode messages = sent.path("messages");
    // The route's own system prompt is guarded too.
    assertThat(messages.get(0).path("content").asString())
        .isEqualTo("Escalate to <EMAIL_ADDRESS>.");
    assertThat(messages.get(1).path("content").asString()).isEqualTo(MASKED);
    assertThat(messages.get(2).path("content").get(0).path("text").asString()).isEqualTo(HARMLESS);
    assertThat(messages.get(2).path("content").get(1).path("image_url").path("url").asString())
        .as("images are left alone")
        .isEqualTo("https://img.example/john@example.com.png");
    assertThat(OPENAI.last().body()).doesNotContain("123-45-6789", "4111 1111 1111 1111");
  }

  @Test
  void everyFrontDoorIsGuardedTheSameWay() {
    // Messages, translated for the OpenAI provider.
    assertThat(
            gateway
                .post(
                    "/mask/v1/messages",
                    "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"system\":\"call 555-123-4567\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                        + quoted(SENSITIVE)
                        + "}]}]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    String sent = OPENAI.last().body();
    assertThat(sent).contains("call <PHONE_NUMBER>", WireJson.write(MASKED).replace("\"", ""));

    // Responses.
    assertThat(
            gateway
                .post(
                    "/mask/v1/responses",
                    "{\"model\":\"gpt-4o\",\"instructions\":\"sin 046-454-286\",\"input\":"
                        + quoted(SENSITIVE)
                        + "}")
                .getStatus()
                .value())
        .isEqualTo(200);
    JsonNode responses = OPENAI.last().json();
    assertThat(responses.path("instructions").asString()).isEqualTo("sin <CA_SIN>");
    assertThat(responses.path("input").asString()).isEqualTo(MASKED);

    // Embeddings input.
    assertThat(
            gateway
                .post(
                    "/mask/v1/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":[" + quoted(SENSITIVE) + "]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().json().path("input").get(0).asString()).isEqualTo(MASKED);
  }

  @Test
  void scopeLimitsAGuardToToolInputAndOutput() {
    var result =
        gateway.post(
            "/tools/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"admin is root@corp.example\"},"
                + "{\"role\":\"user\",\"content\":\"email bob@corp.example\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"send\","
                + "\"arguments\":\"{\\\"to\\\":\\\"bob@corp.example\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                + "\"content\":\"sent to bob@corp.example\"}]}");

    assertThat(result.getStatus().value()).isEqualTo(200);
    JsonNode sent = ANTHROPIC.last().json();
    assertThat(sent.path("system").toString()).contains("root@corp.example");
    JsonNode messages = sent.path("messages");
    assertThat(messages.get(0).toString()).contains("email bob@corp.example");
    JsonNode toolUse = messages.get(1).path("content").get(0);
    assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
    assertThat(toolUse.path("input").path("to").asString()).isEqualTo("<EMAIL_ADDRESS>");
    assertThat(messages.get(2).toString())
        .contains("sent to <EMAIL_ADDRESS>")
        .doesNotContain("bob@corp.example");
  }

  @Test
  void aRejectionAnswersInTheClientsFormatAndNeverReachesTheProvider() {
    String prompt = "my ssn is 123-45-6789";
    var openAi =
        gateway.post(
            "/reject/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + quoted(prompt)
                + "}]}");
    assertThat(openAi.getStatus().value()).isEqualTo(403);
    assertThat(openAi.getResponseHeaders().getFirst("x-guard")).isEqualTo("ssn");
    JsonNode error = json(openAi).path("error");
    assertThat(error.path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");
    assertThat(error.has("type")).isTrue();

    var anthropic =
        gateway.post(
            "/reject/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":"
                + quoted(prompt)
                + "}]}");
    assertThat(anthropic.getStatus().value()).isEqualTo(403);
    JsonNode body = json(anthropic);
    assertThat(body.path("type").asString()).isEqualTo("error");
    assertThat(body.path("error").path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");

    // The second guard's rejection is JSON the user wrote: sent as written.
    var written =
        gateway.post(
            "/reject/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a@b.io\"}]}");
    assertThat(written.getStatus().value()).isEqualTo(400);
    assertThat(json(written).path("error").path("code").asString()).isEqualTo("pii_detected");
    assertThat(written.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);

    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void aLaterGuardSeesTheMasksOfAnEarlierOne() {
    // The second guard rejects "john@example", but the first one masked it already.
    var result =
        gateway.post(
            "/mask/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"from john@example.com\"}]}");
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("messages").get(1).path("content").asString())
        .isEqualTo("from <EMAIL_ADDRESS>");
  }

  @Test
  void responseGuardsMaskTheAnswerInTheClientsFormat() {
    ANTHROPIC.answerWith("Write to jane@corp.example for access.");
    var messages =
        gateway.post(
            "/answers/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
    assertThat(messages.getStatus().value()).isEqualTo(200);
    assertThat(json(messages).path("content").get(0).path("text").asString())
        .isEqualTo("Write to <EMAIL_ADDRESS> for access.");

    var chat =
        gateway.post(
            "/answers/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
    assertThat(chat.getStatus().value()).isEqualTo(200);
    JsonNode answer = json(chat);
    assertThat(answer.path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Write to <EMAIL_ADDRESS> for access.");
    assertThat(answer.path("usage").path("total_tokens").asInt()).isPositive();

    OPENAI.answerWith("Write to jane@corp.example for access.");
    var responses =
        gateway.post("/openai-answers/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"who?\"}");
    assertThat(responses.getStatus().value()).isEqualTo(200);
    JsonNode output = json(responses).path("output");
    assertThat(output.toString())
        .contains("Write to <EMAIL_ADDRESS> for access.")
        .doesNotContain("jane@corp.example");
  }

  @Test
  void aResponseGuardRejectionReplacesTheAnswer() {
    ANTHROPIC.answerWith("Call me at 555-123-4567.");
    var chat =
        gateway.post(
            "/answers/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(chat.getStatus().value()).isEqualTo(451);
    assertThat(json(chat).path("error").path("message").asString())
        .isEqualTo("the answer contained a phone number");
    assertThat(new String(chat.getResponseBody(), StandardCharsets.UTF_8))
        .doesNotContain("555-123-4567");

    var messages =
        gateway.post(
            "/answers/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(messages.getStatus().value()).isEqualTo(451);
    JsonNode body = json(messages);
    assertThat(body.path("type").asString()).isEqualTo("error");
    assertThat(body.path("error").path("message").asString())
        .isEqualTo("the answer contained a phone number");
  }

  private String stream(String uri, String body) {
    return new String(gateway.post(uri, body).getResponseBody(), StandardCharsets.UTF_8);
  }

  @Test
  void streamedAnswersAreMaskedEvenWhenAMatchArrivesInPieces() {
    // The simulator streams three characters at a time: the address spans several deltas.
    ANTHROPIC.answerWith("Write to jane@corp.example for access.");
    String chat =
        stream(
            "/answers/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"stream_options\":"
                + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
    assertThat(StreamedText.of(chat)).isEqualTo("Write to <EMAIL_ADDRESS> for access.");
    assertThat(chat).doesNotContain("jane", "corp.example").contains("[DONE]", "\"usage\"");

    String messages =
        stream(
            "/answers/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
    assertThat(StreamedText.of(messages)).isEqualTo("Write to <EMAIL_ADDRESS> for access.");
    assertThat(messages).doesNotContain("jane").contains("message_stop", "end_turn");

    OPENAI.answerWith("Write to jane@corp.example for access.");
    String fromOpenAi =
        stream(
            "/openai-answers/v1/messages",
            "{\"model\":\"gpt-4o\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
    assertThat(StreamedText.of(fromOpenAi)).isEqualTo("Write to <EMAIL_ADDRESS> for access.");
  }

  @Test
  void everyDecisionIsCountedAndLoggedWithoutTheMatchedText() {
    ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    accessLog.start();
    Logger logger = (Logger) LoggerFactory.getLogger("agw.access");
    logger.addAppender(accessLog);
    try {
      double masked = decisions("regex", "request", "mask");
      double allowed = decisions("regex", "request", "allow");
      double rejected = decisions("regex", "request", "reject");
      double answerMasked = decisions("regex", "response", "mask");
      double answerRejected = decisions("regex", "response", "reject");

      gateway.post(
          "/mask/v1/chat/completions",
          "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
              + quoted("mail me at jane@corp.example")
              + "}]}");
      // The first guard masked, the second (reject on "john@example") let it pass.
      await()
          .untilAsserted(
              () -> assertThat(decisions("regex", "request", "mask")).isEqualTo(masked + 1));
      assertThat(decisions("regex", "request", "allow")).isEqualTo(allowed + 1);
      String line = accessLine(accessLog, "/mask/v1/chat/completions");
      assertThat(line)
          .contains(
              "\"guardrails\":[{\"guard\":\"regex\",\"phase\":\"request\",\"action\":\"mask\"}",
              "{\"guard\":\"regex\",\"phase\":\"request\",\"action\":\"allow\"}")
          .doesNotContain("jane", "corp.example");

      gateway.post(
          "/reject/v1/chat/completions",
          "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"123-45-6789\"}]}");
      await()
          .untilAsserted(
              () -> assertThat(decisions("regex", "request", "reject")).isEqualTo(rejected + 1));

      // Streamed answers: the decisions of the hold-back guards are recorded when the stream ends.
      ANTHROPIC.answerWith("Write to jane@corp.example for access.");
      stream(
          "/answers/v1/chat/completions",
          "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
      await()
          .untilAsserted(
              () -> assertThat(decisions("regex", "response", "mask")).isEqualTo(answerMasked + 1));
      ANTHROPIC.answerWith("Call 555-123-4567 now.");
      stream(
          "/answers/v1/messages",
          "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"who?\"}]}");
      await()
          .untilAsserted(
              () ->
                  assertThat(decisions("regex", "response", "reject"))
                      .isEqualTo(answerRejected + 1));
      assertThat(accessLine(accessLog, "/answers/v1/messages"))
          .contains("{\"guard\":\"regex\",\"phase\":\"response\",\"action\":\"reject\"}")
          // The matched number, not its digits alone: timings and costs may contain "555".
          .doesNotContain("555-123", "123-4567");
    } finally {
      logger.detachAppender(accessLog);
    }
  }

  private double decisions(String guard, String phase, String action) {
    Counter counter =
        meters
            .find("agw.guardrail.decisions")
            .tag("guard", guard)
            .tag("phase", phase)
            .tag("action", action)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static String accessLine(ListAppender<ILoggingEvent> log, String path) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                List.copyOf(log.list).stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains("\"path\":\"" + path + "\""))
                    .reduce((first, second) -> second)
                    .orElse(null),
            l -> l != null);
  }

  @Test
  void responseGuardsWithToolInputInScopeMaskToolCallArgumentsStreamedOrNot() {
    // The simulator's tool answer calls get_weather for Paris (and Berlin when streamed), the
    // streamed arguments arriving in pieces ("Pa" + "ris").
    String chat =
        new String(
            gateway
                .post(
                    "/tool-answers/v1/chat/completions",
                    "{\"model\":\"claude-tool\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}")
                .getResponseBody(),
            StandardCharsets.UTF_8);
    JsonNode message = WireJson.tree(chat).path("choices").get(0).path("message");
    assertThat(message.path("tool_calls").get(0).path("function").path("arguments").asString())
        .contains("<masked>")
        .doesNotContain("Paris");

    String streamedChat =
        stream(
            "/tool-answers/v1/chat/completions",
            "{\"model\":\"claude-tool\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
    assertThat(streamedChat).doesNotContain("Paris", "Berlin", "ris\\\"");
    StringBuilder[] args = {new StringBuilder(), new StringBuilder()};
    for (SseEvent event : new SseParser().feed(streamedChat)) {
      if (event.isDone()) {
        continue;
      }
      for (JsonNode choice : WireJson.tree(event.data()).path("choices")) {
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
          args[call.path("index").asInt()].append(
              call.path("function").path("arguments").asString(""));
        }
      }
    }
    assertThat(WireJson.tree(args[0].toString()).path("city").asString()).isEqualTo("<masked>");
    assertThat(WireJson.tree(args[1].toString()).path("city").asString()).isEqualTo("<masked>");

    String streamedMessages =
        stream(
            "/tool-answers/v1/messages",
            "{\"model\":\"claude-tool\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}");
    assertThat(streamedMessages).doesNotContain("Paris", "Berlin").contains("tool_use");
    StringBuilder json = new StringBuilder();
    for (SseEvent event : new SseParser().feed(streamedMessages)) {
      JsonNode data = WireJson.tree(event.data());
      if (data.path("index").asInt() == 1) {
        json.append(data.path("delta").path("partial_json").asString(""));
      }
    }
    assertThat(WireJson.tree(json.toString()).path("city").asString()).isEqualTo("<masked>");
  }

  @Test
  void responseGuardsLeaveToolCallArgumentsAloneUnlessToolInputIsInScope() {
    String chat =
        new String(
            gateway
                .post(
                    "/answers/v1/chat/completions",
                    "{\"model\":\"claude-tool\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}")
                .getResponseBody(),
            StandardCharsets.UTF_8);
    assertThat(chat).contains("Paris");
  }

  @Test
  void aMidStreamRejectionEndsTheStreamWithAnErrorEventInTheClientsFormat() {
    ANTHROPIC.answerWith("Sure, call 555-123-4567 and ask for Bob.");
    String chat =
        stream(
            "/answers/v1/chat/completions",
            "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(chat).contains("the answer contained a phone number").doesNotContain("4567", "Bob");
    assertThat(chat.strip()).endsWith("}");

    String messages =
        stream(
            "/answers/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(messages)
        .contains("event: error", "the answer contained a phone number")
        .doesNotContain("4567", "Bob", "message_stop");
  }

  @Test
  void streamedResponsesAreMaskedInEveryEventThatCarriesTheText() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    String sse =
        stream(
            "/openai-answers/v1/responses",
            "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"who?\"}");
    StringBuilder deltas = new StringBuilder();
    long previous = -1;
    for (String event : sse.split("\n\n")) {
      for (String line : event.split("\n")) {
        if (line.startsWith("data: {")) {
          JsonNode data = WireJson.tree(line.substring(6));
          if (data.path("type").asString("").equals("response.output_text.delta")) {
            deltas.append(data.path("delta").asString(""));
          }
          long seq = data.path("sequence_number").asLong();
          assertThat(seq).as("sequence numbers keep increasing").isGreaterThan(previous);
          previous = seq;
        }
      }
    }
    assertThat(deltas.toString()).isEqualTo("Write to <EMAIL_ADDRESS> for access.");
    assertThat(sse).doesNotContain("jane").contains("response.completed", "total_tokens");
  }

  @Test
  void requestGuardsAloneGuardStreamsFully() {
    assertThat(
            gateway
                .post(
                    "/mask/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"from john@example.com\"}]}")
                .getStatus()
                .value())
        .isEqualTo(200);
    assertThat(OPENAI.last().body()).contains("<EMAIL_ADDRESS>").doesNotContain("john@");
  }

  @Test
  void aPassthroughRequestOnAGuardedRouteIsRefused() {
    var result = gateway.post("/mask/v1/files", "{\"purpose\":\"john@example.com\"}");
    assertThat(result.getStatus().value()).isEqualTo(400);
    assertThat(json(result).path("error").path("message").asString())
        .contains("prompt guards cannot read passthrough requests");
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void theOpenAiAndAnthropicSdksAssembleGuardedStreams() {
    ANTHROPIC.answerWith("Write to jane@corp.example for access.");
    OpenAIClient openAi =
        OpenAIOkHttpClient.builder()
            .apiKey("sk-client")
            .baseUrl("http://127.0.0.1:" + PORT + "/answers/v1")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(20))
            .build();
    ChatCompletionAccumulator chat = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .addUserMessage("who?")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chat::accumulate);
    }
    ChatCompletion completion = chat.chatCompletion();
    assertThat(completion.choices().get(0).message().content())
        .contains("Write to <EMAIL_ADDRESS> for access.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage()).isPresent();

    AnthropicClient anthropic =
        AnthropicOkHttpClient.builder()
            .apiKey("sk-ant-client")
            .baseUrl("http://127.0.0.1:" + PORT + "/answers")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(20))
            .build();
    MessageAccumulator messages = MessageAccumulator.create();
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
        anthropic
            .messages()
            .createStreaming(
                MessageCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .maxTokens(64)
                    .addUserMessage("who?")
                    .build())) {
      stream.stream().forEach(messages::accumulate);
    }
    Message message = messages.message();
    assertThat(message.content().get(0).asText().text())
        .isEqualTo("Write to <EMAIL_ADDRESS> for access.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
  }
}
