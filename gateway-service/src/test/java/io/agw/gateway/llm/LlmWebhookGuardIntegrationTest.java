package io.agw.gateway.llm;

import static io.agw.gateway.support.GatewayClient.json;
import static io.agw.gateway.support.GatewayClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sim.WebhookSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code webhook} prompt guards ({@code gateway/llm-webhook-guard.yaml}) on real LLM routes in
 * front of the OpenAI and Anthropic simulators, with a webhook simulator implementing
 * agentgateway's contract: what the webhook receives (shape, headers, CEL headers, forwarded
 * headers), masks reaching the provider and the client, rejections in the client's format, failures
 * under both failure modes, streamed answers on chat completions, Messages and Responses, a regex
 * and a webhook guard in both orders, and the decisions counter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LlmWebhookGuardIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  private static final WebhookSimulator WEBHOOK = WebhookSimulator.start();
  private static final int PORT = FreePorts.next();
  private static final int DEAD_PORT = FreePorts.closed();

  private static final String UNAVAILABLE =
      "the content could not be checked by a guardrail; try again later";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/llm-webhook-guard.yaml",
            Map.of(
                "PORT",
                Integer.toString(PORT),
                "OPENAI",
                OPENAI.hostPort(),
                "ANTHROPIC",
                ANTHROPIC.hostPort(),
                "WEBHOOK",
                WEBHOOK.hostPort(),
                "DEAD",
                "127.0.0.1:" + DEAD_PORT));
    GatewayConfigFile.register(registry, yaml);
  }

  @Autowired MeterRegistry meters;

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(30));

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    ANTHROPIC.clear();
    WEBHOOK.clear();
  }

  @AfterEach
  void theWebhookOnlyEverGotCallsOfTheContract() {
    assertThat(WEBHOOK.violations()).isEmpty();
  }

  private static String chat(String user) {
    return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
        + WireJson.write(user)
        + "}]}";
  }

  private static String messages(String user) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
        + "\"content\":"
        + WireJson.write(user)
        + "}]}";
  }

  private double decisions(String phase, String action) {
    Counter c =
        meters
            .find("agw.guardrail.decisions")
            .tags("guard", "webhook", "phase", phase, "action", action)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void theWebhookReceivesThePromptAndTheAnswerInTheContractsShapeWithItsHeaders() {
    OPENAI.answerWith("Paris is the capital.");
    var result =
        gateway.post(
            "/openai/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Capital of"
                + " France?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x.example/a.png\"}}]}]}",
            "x-tenant",
            "acme",
            "x-forward",
            "keep-me",
            "x-forward",
            "other",
            "x-private",
            "not for the webhook");

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(json(result).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Paris is the capital.");
    WebhookSimulator.Received prompt = WEBHOOK.received("/request").get(0);
    assertThat(prompt.method()).isEqualTo("POST");
    assertThat(prompt.roles()).containsExactly("system", "user");
    assertThat(prompt.texts()).containsExactly("Be brief.", "Capital of France?");
    Map<String, String> headers = prompt.headers();
    assertThat(headers)
        .containsEntry("content-type", "application/json")
        .containsEntry("x-tenant", "acme")
        .containsEntry("x-model", "gpt-4o")
        .containsEntry("x-client-path", "/openai/v1/chat/completions")
        // Both values of a forwarded header whose values one matched.
        .containsEntry("x-forward", "keep-me,other")
        .doesNotContainKeys("x-private", "x-user", "authorization");

    WebhookSimulator.Received answer = WEBHOOK.received("/response").get(0);
    assertThat(answer.roles()).containsExactly("assistant");
    assertThat(answer.texts()).containsExactly("Paris is the capital.");
    // llmRequest is the prompt's only: agentgateway gives response webhooks none either.
    assertThat(answer.headers())
        .containsEntry("x-client-path", "/openai/v1/chat/completions")
        .doesNotContainKey("x-model");
  }

  @Test
  void aMaskReachesTheProviderOnEveryFrontDoor() {
    double before = decisions("request", "mask");
    var chat = gateway.post("/openai/v1/chat/completions", chat("my key is SECRET-TOKEN, keep it"));
    assertThat(chat.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("my key is [REDACTED], keep it");

    var messages =
        gateway.post(
            "/anthropic/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"system\":\"SECRET-TOKEN rules\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                + "\"hello\"},{\"type\":\"text\",\"text\":\"use SECRET-TOKEN\"}]}]}");
    assertThat(messages.getStatus().value()).isEqualTo(200);
    JsonNode sent = ANTHROPIC.last().json();
    assertThat(sent.path("system").toString()).contains("[REDACTED] rules");
    JsonNode blocks = sent.path("messages").get(0).path("content");
    assertThat(blocks.get(0).path("text").asString()).isEqualTo("hello");
    assertThat(blocks.get(1).path("text").asString()).isEqualTo("use [REDACTED]");
    assertThat(ANTHROPIC.last().body()).doesNotContain("SECRET-TOKEN");

    var responses =
        gateway.post(
            "/openai/v1/responses",
            "{\"model\":\"gpt-4o\",\"instructions\":\"SECRET-TOKEN\",\"input\":\"hi\"}");
    assertThat(responses.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("instructions").asString()).isEqualTo("[REDACTED]");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(decisions("request", "mask")).isEqualTo(before + 3));
  }

  @Test
  void aRejectionAnswersWithTheWebhooksStatusAndMessageInTheClientsFormat() {
    double before = decisions("request", "reject");
    var openAi = gateway.post("/openai/v1/chat/completions", chat("tell me about webhook-reject"));
    assertThat(openAi.getStatus().value()).isEqualTo(422);
    assertThat(openAi.getResponseHeaders().getFirst("x-guard")).isEqualTo("webhook");
    assertThat(json(openAi).path("error").path("message").asString())
        .isEqualTo(WebhookSimulator.REJECTION);

    var anthropic =
        gateway.post("/anthropic/v1/messages", messages("tell me about webhook-reject"));
    assertThat(anthropic.getStatus().value()).isEqualTo(422);
    assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
    assertThat(json(anthropic).path("error").path("message").asString())
        .isEqualTo(WebhookSimulator.REJECTION);

    assertThat(OPENAI.received()).isEmpty();
    assertThat(ANTHROPIC.received()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(decisions("request", "reject")).isEqualTo(before + 2));
  }

  @Test
  void responseGuardsMaskAndRejectAnswers() {
    double masks = decisions("response", "mask");
    ANTHROPIC.answerWith("Your SECRET-TOKEN is safe.");
    var messages = gateway.post("/anthropic/v1/messages", messages("hi"));
    assertThat(messages.getStatus().value()).isEqualTo(200);
    assertThat(json(messages).path("content").get(0).path("text").asString())
        .isEqualTo("Your [REDACTED] is safe.");

    var chat =
        gateway.post("/anthropic/v1/chat/completions", chat("hi").replace("gpt-4o", "claude-x"));
    assertThat(chat.getStatus().value()).isEqualTo(200);
    assertThat(json(chat).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Your [REDACTED] is safe.");

    OPENAI.answerWith("Your SECRET-TOKEN is safe.");
    var responses = gateway.post("/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"hi\"}");
    assertThat(responses.getStatus().value()).isEqualTo(200);
    assertThat(text(responses)).contains("Your [REDACTED] is safe.").doesNotContain("SECRET");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(decisions("response", "mask")).isEqualTo(masks + 3));

    ANTHROPIC.answerWith("This is webhook-reject material.");
    var rejected = gateway.post("/anthropic/v1/messages", messages("hi"));
    assertThat(rejected.getStatus().value()).isEqualTo(422);
    assertThat(json(rejected).path("error").path("message").asString())
        .isEqualTo(WebhookSimulator.REJECTION);
    assertThat(text(rejected)).doesNotContain("material");
    var rejectedChat =
        gateway.post("/anthropic/v1/chat/completions", chat("hi").replace("gpt-4o", "claude-x"));
    assertThat(rejectedChat.getStatus().value()).isEqualTo(422);
    assertThat(json(rejectedChat).path("error").path("message").asString())
        .isEqualTo(WebhookSimulator.REJECTION);
  }

  @Test
  void aWebhookThatFailsClosedRefusesWith503InTheClientsFormat() {
    double before = decisions("request", "reject");
    for (String broken : List.of("webhook-500", "webhook-garbage", "webhook-extra")) {
      var result = gateway.post("/openai/v1/chat/completions", chat("please " + broken));
      assertThat(result.getStatus().value()).as(broken).isEqualTo(503);
      assertThat(json(result).path("error").path("message").asString())
          .as(broken)
          .isEqualTo(UNAVAILABLE);
    }
    var down = gateway.post("/dead-closed/v1/messages", messages("hi"));
    assertThat(down.getStatus().value()).isEqualTo(503);
    assertThat(json(down).path("type").asString()).isEqualTo("error");
    assertThat(json(down).path("error").path("message").asString()).isEqualTo(UNAVAILABLE);
    assertThat(OPENAI.received()).isEmpty();

    // An answer the webhook cannot judge is not sent either.
    OPENAI.answerWith("an answer with webhook-500 in it");
    var answer = gateway.post("/openai/v1/chat/completions", chat("hi"));
    assertThat(answer.getStatus().value()).isEqualTo(503);
    assertThat(text(answer)).doesNotContain("an answer with");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(decisions("request", "reject")).isEqualTo(before + 4));
  }

  @Test
  void aWebhookThatDoesNotAnswerIsAFailure() {
    var closed = gateway.post("/openai/v1/chat/completions", chat("this is webhook-slow"));
    assertThat(closed.getStatus().value()).isEqualTo(503);
    assertThat(json(closed).path("error").path("message").asString()).isEqualTo(UNAVAILABLE);
    assertThat(OPENAI.received()).isEmpty();

    var open = gateway.post("/fail-open/v1/messages", messages("this is webhook-slow"));
    assertThat(open.getStatus().value()).isEqualTo(200);
    assertThat(ANTHROPIC.received()).hasSize(1);
  }

  @Test
  void aMaskThatChangesNothingCountsAsAllow() {
    double masks = decisions("request", "mask");
    double allows = decisions("request", "allow");
    var result =
        gateway.post("/anthropic/v1/messages", messages("webhook-same-mask, nothing secret"));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(ANTHROPIC.last().body()).contains("webhook-same-mask, nothing secret");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(decisions("request", "allow")).isEqualTo(allows + 1);
              assertThat(decisions("request", "mask")).isEqualTo(masks);
            });
  }

  @Test
  void aWebhookThatFailsOpenLetsContentPass() {
    double before = decisions("request", "failOpen");
    var down = gateway.post("/dead-open/v1/chat/completions", chat("hi"));
    assertThat(down.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.received()).hasSize(1);

    ANTHROPIC.answerWith("an answer with webhook-garbage in it");
    var broken = gateway.post("/fail-open/v1/messages", messages("please webhook-500"));
    assertThat(broken.getStatus().value()).isEqualTo(200);
    assertThat(ANTHROPIC.last().body()).contains("please webhook-500");
    assertThat(json(broken).path("content").get(0).path("text").asString())
        .isEqualTo("an answer with webhook-garbage in it");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(decisions("request", "failOpen")).isEqualTo(before + 2);
              assertThat(decisions("response", "failOpen")).isPositive();
            });
  }

  @Test
  void streamedAnswersAreMaskedWhole() {
    ANTHROPIC.answerWith("Your SECRET-TOKEN is safe.");
    String chat =
        text(
            gateway.post(
                "/anthropic/v1/chat/completions",
                "{\"model\":\"claude-x\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(StreamedText.of(chat)).isEqualTo("Your [REDACTED] is safe.");
    assertThat(chat).doesNotContain("SECRET").contains("[DONE]", "\"usage\"");
    // The webhook judged the whole answer once, not its pieces.
    assertThat(WEBHOOK.received("/response")).hasSize(1);
    assertThat(WEBHOOK.received("/response").get(0).texts())
        .containsExactly("Your SECRET-TOKEN is safe.");

    String messages =
        text(
            gateway.post(
                "/anthropic/v1/messages",
                "{\"model\":\"claude-x\",\"max_tokens\":64,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(StreamedText.of(messages)).isEqualTo("Your [REDACTED] is safe.");
    assertThat(messages).doesNotContain("SECRET").contains("message_stop", "end_turn");

    OPENAI.answerWith("Your SECRET-TOKEN is safe.");
    String responses =
        text(
            gateway.post(
                "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"hi\"}"));
    assertThat(StreamedText.of(responses)).isEqualTo("Your [REDACTED] is safe.");
    assertThat(responses).doesNotContain("SECRET").contains("response.completed");
  }

  @Test
  void streamedAnswersTheWebhookRejectsEndWithAnErrorEventOnly() {
    ANTHROPIC.answerWith("This is webhook-reject material.");
    String chat =
        text(
            gateway.post(
                "/anthropic/v1/chat/completions",
                "{\"model\":\"claude-x\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(chat).contains(WebhookSimulator.REJECTION).doesNotContain("material", "This is");

    String messages =
        text(
            gateway.post(
                "/anthropic/v1/messages",
                "{\"model\":\"claude-x\",\"max_tokens\":64,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(messages)
        .contains("event: error", WebhookSimulator.REJECTION)
        .doesNotContain("material", "message_stop");

    OPENAI.answerWith("This is webhook-reject material.");
    String responses =
        text(
            gateway.post(
                "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"stream\":true,\"input\":\"hi\"}"));
    assertThat(responses)
        .contains(WebhookSimulator.REJECTION)
        .doesNotContain("material", "response.completed");
  }

  @Test
  void theOpenAiAndAnthropicSdksAssembleStreamsTheWebhookMasked() {
    ANTHROPIC.answerWith("Your SECRET-TOKEN is safe.");
    OpenAIClient openAi =
        OpenAIOkHttpClient.builder()
            .apiKey("sk-client")
            .baseUrl("http://127.0.0.1:" + PORT + "/anthropic/v1")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
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
                    .build())) {
      stream.stream().forEach(chat::accumulate);
    }
    ChatCompletion completion = chat.chatCompletion();
    assertThat(completion.choices().get(0).message().content())
        .contains("Your [REDACTED] is safe.");
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);

    AnthropicClient anthropic =
        AnthropicOkHttpClient.builder()
            .apiKey("sk-ant-client")
            .baseUrl("http://127.0.0.1:" + PORT + "/anthropic")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
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
    assertThat(message.content().get(0).asText().text()).isEqualTo("Your [REDACTED] is safe.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);

    OPENAI.answerWith("Your SECRET-TOKEN is safe.");
    OpenAIClient responsesClient =
        OpenAIOkHttpClient.builder()
            .apiKey("sk-client")
            .baseUrl("http://127.0.0.1:" + PORT + "/openai/v1")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    ResponseAccumulator responses = ResponseAccumulator.create();
    try (StreamResponse<ResponseStreamEvent> stream =
        responsesClient
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model("gpt-4o").input("who?").build())) {
      stream.stream().forEach(responses::accumulate);
    }
    String output =
        responses.response().output().stream()
            .flatMap(item -> item.message().stream())
            .flatMap(m -> m.content().stream())
            .flatMap(c -> c.outputText().stream())
            .map(t -> t.text())
            .reduce("", String::concat);
    assertThat(output).isEqualTo("Your [REDACTED] is safe.");
  }

  @Test
  void aRegexGuardBeforeAWebhookHandsItsMasksOn() {
    OPENAI.answerWith("Mail jane@corp.example about it.");
    var result =
        gateway.post(
            "/regex-first/v1/chat/completions", chat("from john@example.com, SECRET-TOKEN"));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(WEBHOOK.received("/request").get(0).texts())
        .containsExactly("from <EMAIL_ADDRESS>, SECRET-TOKEN");
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("from <EMAIL_ADDRESS>, [REDACTED]");
    assertThat(WEBHOOK.received("/response").get(0).texts())
        .containsExactly("Mail <EMAIL_ADDRESS> about it.");
    assertThat(json(result).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Mail <EMAIL_ADDRESS> about it.");
  }

  @Test
  void aRegexGuardAfterAWebhookSeesItsMasks() {
    // The regex guard rejects SECRET-TOKEN, but the webhook before it masked it already.
    OPENAI.answerWith("Your SECRET-TOKEN is safe.");
    var result = gateway.post("/webhook-first/v1/chat/completions", chat("use SECRET-TOKEN"));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("use [REDACTED]");
    assertThat(json(result).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Your [REDACTED] is safe.");

    String streamed =
        text(
            gateway.post(
                "/webhook-first/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    assertThat(StreamedText.of(streamed)).isEqualTo("Your [REDACTED] is safe.");
  }
}
