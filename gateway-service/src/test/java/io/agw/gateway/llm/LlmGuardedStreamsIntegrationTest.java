package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.agw.gateway.llm.sim.BedrockSimulator;
import io.agw.gateway.llm.sim.GoogleSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.AnthropicNodeStream;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.OpenAiNodeStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Guarded streams from every provider kind (OpenAI, Anthropic, Gemini and Bedrock simulators),
 * consumed by the official OpenAI and Anthropic SDKs for Java and for Node ({@code openai} and
 * {@code @anthropic-ai/sdk}): a response guard masks a match split across the provider's deltas,
 * and the SDKs assemble the masked text with its finish reason and usage; a reject guard ends the
 * stream mid-way with an error in each client's format (chat completions, Messages, Responses), and
 * no client ever receives the matched text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmGuardedStreamsIntegrationTest {

  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  static final GoogleSimulator GOOGLE = GoogleSimulator.start();
  static final BedrockSimulator BEDROCK =
      BedrockSimulator.start("AKIAGUARDEDSTREAMS", "guarded-streams-secret", "us-east-1");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The text the OpenAI and Anthropic simulators stream, three characters per delta. */
  static final String SIMULATED = "Write to jane@corp.example or 555-123-4567 for access.";

  /**
   * One provider behind a masking route ({@code /<name>}) and a rejecting one ({@code
   * /<name>-reject}): the model asked for, the answer's text once masked, and a fragment of the
   * provider's answer that only the guard's match contains.
   */
  record Provider(
      String name, String model, String masked, String matched, String responsesMatched) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Provider> providers() {
    return Stream.of(
        new Provider(
            "openai",
            "gpt-4o",
            "Write to <EMAIL_ADDRESS> or 555-123-4567 for access.",
            "corp.example",
            "4567"),
        // Anthropic offers no Responses API: that front door answers 400 on its routes.
        new Provider(
            "anthropic",
            "claude-sonnet-4-5",
            "Write to <EMAIL_ADDRESS> or 555-123-4567 for access.",
            "corp.example",
            null),
        // Gemini's recorded stream: "Gemini" + " is the provider" + ".".
        // Responses on Gemini use Google's OpenAI-compatible chat endpoint, another recording.
        new Provider(
            "gemini", "gemini-2.5-flash", "<masked> the provider.", "Gemini is", "help today"),
        // Bedrock's recorded ConverseStream: "The answer is 4." after a reasoning block.
        new Provider("bedrock", "anthropic.claude-v1:0", "The <masked>.", "answer is 4", "is 4"));
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String masking =
        "{ai: {promptGuard: {response: [{regex: {rules: [{builtin: email},"
            + " {pattern: \"Gemini is\"}, {pattern: \"answer is \\\\d\"}]}}]}}}";
    String rejecting =
        "{ai: {promptGuard: {response: [{regex: {action: reject, rules: [{builtin: phoneNumber},"
            + " {pattern: \"the provider\"}, {pattern: \"is \\\\d\"},"
            + " {pattern: \"help today\"}]},"
            + " rejection: {body: \"the answer contained a guarded phrase\"}}]}}}";
    String backends =
        """
        openai: {name: openai, provider: {openAI: {}}, hostOverride: "%s", \
        policies: {backendAuth: {key: sk-gateway-openai}}}
        anthropic: {name: anthropic, provider: {anthropic: {}}, hostOverride: "%s", \
        policies: {backendAuth: {key: sk-ant-gateway}}}
        gemini: {name: gemini, provider: {gemini: {}}, hostOverride: "%s", \
        policies: {backendAuth: {key: gemini-gateway}}}
        bedrock: {name: bedrock, provider: {bedrock: {region: us-east-1}}, hostOverride: "%s", \
        policies: {backendAuth: {aws: {accessKeyId: AKIAGUARDEDSTREAMS, \
        secretAccessKey: guarded-streams-secret}}}}
        """
            .formatted(
                OPENAI.hostPort(), ANTHROPIC.hostPort(), GOOGLE.hostPort(), BEDROCK.hostPort());
    StringBuilder yaml =
        new StringBuilder("binds:\n  - port: " + PORT + "\n    listeners:\n      - routes:\n");
    for (String line : backends.strip().split("\n")) {
      String name = line.substring(0, line.indexOf(':'));
      String ai = line.substring(line.indexOf(':') + 1).strip();
      for (String suffix : new String[] {"", "-reject"}) {
        yaml.append("          - name: ")
            .append(name)
            .append(suffix)
            .append('\n')
            .append("            matches: [{path: {pathPrefix: /")
            .append(name)
            .append(suffix)
            .append("/}}]\n")
            .append("            policies: ")
            .append(suffix.isEmpty() ? masking : rejecting)
            .append('\n')
            .append("            backends: [{ai: ")
            .append(ai)
            .append("}]\n");
      }
    }
    Path file = Files.createTempDirectory("agw-guarded-streams").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stopSimulators() {
    GOOGLE.close();
    BEDROCK.close();
  }

  static void answer(String text) {
    OPENAI.answerWith(text);
    ANTHROPIC.answerWith(text);
  }

  static OpenAIClient openAi(String route) {
    return OpenAIOkHttpClient.builder()
        .apiKey("sk-client")
        .baseUrl("http://127.0.0.1:" + PORT + "/" + route + "/v1")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  static AnthropicClient anthropic(String route) {
    return AnthropicOkHttpClient.builder()
        .apiKey("sk-ant-client")
        .baseUrl("http://127.0.0.1:" + PORT + "/" + route)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  static ChatCompletion javaOpenAiChat(String route, String model) {
    ChatCompletionAccumulator chat = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        openAi(route)
            .chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model(model)
                    .addUserMessage("Tell me something.")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chat::accumulate);
    }
    return chat.chatCompletion();
  }

  static Message javaAnthropicMessages(String route, String model) {
    MessageAccumulator messages = MessageAccumulator.create();
    try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream =
        anthropic(route)
            .messages()
            .createStreaming(
                MessageCreateParams.builder()
                    .model(model)
                    .maxTokens(256)
                    .addUserMessage("Tell me something.")
                    .build())) {
      stream.stream().forEach(messages::accumulate);
    }
    return messages.message();
  }

  static void javaOpenAiResponses(String route, String model, Consumer<ResponseStreamEvent> each) {
    try (StreamResponse<ResponseStreamEvent> stream =
        openAi(route)
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model(model).input("Tell me something.").build())) {
      stream.stream().forEach(each);
    }
  }

  static JsonNode lastLine(String stdout) {
    String[] lines = stdout.strip().split("\n");
    return WireJson.tree(lines[lines.length - 1]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void everySdkAssemblesAMaskedStreamFromEveryProvider(Provider p) {
    answer(SIMULATED);

    ChatCompletion completion = javaOpenAiChat(p.name(), p.model());
    assertThat(completion.choices().get(0).message().content()).contains(p.masked());
    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage()).isPresent();

    Message message = javaAnthropicMessages(p.name(), p.model());
    assertThat(
            message.content().stream()
                .flatMap(b -> b.text().stream())
                .map(t -> t.text())
                .reduce("", String::concat))
        .isEqualTo(p.masked());
    assertThat(message.stopReason()).isPresent();
    assertThat(message.usage().outputTokens()).isPositive();

    OpenAiNodeStream.Run node =
        OpenAiNodeStream.run("http://127.0.0.1:" + PORT + "/" + p.name() + "/v1", p.model(), false);
    assertThat(node.exitCode()).as(node.stderr()).isZero();
    JsonNode chat = lastLine(node.stdout());
    assertThat(chat.path("text").asString()).isEqualTo(p.masked());
    assertThat(chat.path("finishReason").asString()).isEqualTo("stop");
    assertThat(chat.path("usage").path("completion_tokens").asInt()).isPositive();

    AnthropicNodeStream.Run nodeMessages =
        AnthropicNodeStream.run("http://127.0.0.1:" + PORT + "/" + p.name(), p.model());
    assertThat(nodeMessages.exitCode()).as(nodeMessages.stderr()).isZero();
    JsonNode assembled = lastLine(nodeMessages.stdout());
    assertThat(assembled.path("text").asString()).isEqualTo(p.masked());
    assertThat(assembled.path("stopReason").asString()).isEqualTo("end_turn");
    assertThat(assembled.path("usage").path("output_tokens").asInt()).isPositive();
    assertThat(node.stdout() + nodeMessages.stdout()).doesNotContain(p.matched());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aMidStreamRejectionEndsEveryClientsStreamWithAnErrorInItsFormat(Provider p)
      throws Exception {
    answer(SIMULATED);
    String reject = p.name() + "-reject";
    String rejected = "the answer contained a guarded phrase";
    if (p.responsesMatched() != null) {
      // Responses, raw: the text before the match, then OpenAI's error event, nothing after it.
      HttpResponse<String> raw =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + PORT + "/" + reject + "/v1/responses"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\""
                              + p.model()
                              + "\",\"stream\":true,\"input\":\"Tell me something.\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(raw.body())
          .contains("response.created", rejected)
          .doesNotContain(p.responsesMatched(), "response.completed");
      String[] events = raw.body().strip().split("\n\n");
      assertThat(events[events.length - 1]).contains("\"error\"", rejected);

      // Responses through the Java SDK: the text before the match arrives, then the SDK fails.
      StringBuilder before = new StringBuilder();
      assertThatThrownBy(
              () ->
                  javaOpenAiResponses(
                      reject,
                      p.model(),
                      e -> e.outputTextDelta().ifPresent(d -> before.append(d.delta()))))
          .hasMessageContaining(rejected);
      assertThat(before.toString()).doesNotContain(p.responsesMatched());
    }

    // Chat completions and Messages through the Node SDKs.
    OpenAiNodeStream.Run chat =
        OpenAiNodeStream.run("http://127.0.0.1:" + PORT + "/" + reject + "/v1", p.model(), false);
    assertThat(chat.exitCode()).isEqualTo(1);
    assertThat(chat.stderr()).contains(rejected).doesNotContain(p.matched());
    AnthropicNodeStream.Run messages =
        AnthropicNodeStream.run("http://127.0.0.1:" + PORT + "/" + reject, p.model());
    assertThat(messages.exitCode()).isEqualTo(1);
    assertThat(messages.stderr()).contains(rejected).doesNotContain(p.matched());
  }
}
