package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * agentgateway's basic LLM example ({@code examples/llm-basic/config.yaml}, copied with its notice
 * into {@code agentgateway-examples/}) loaded with its port, provider addresses and keys pointed at
 * loopback stand-ins (its {@code config} block, which names fixed admin ports, left out), and
 * called with the official OpenAI and Anthropic SDKs: {@code smart} is sent to OpenAI as {@code
 * gpt-5.5}, and {@code anthropic/<model>} reaches Anthropic as {@code <model>} through the model's
 * CEL {@code transformation}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentgatewayLlmBasicExampleIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  private static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String example = GatewayConfigFile.resource("/agentgateway-examples/llm-basic/config.yaml");
    String yaml =
        example
            .substring(example.indexOf("frontendPolicies:"))
            .replace("  port: 4000\n", "  port: " + PORT + "\n")
            .replace(
                "      apiKey: $OPENAI_API_KEY\n",
                "      apiKey: sk-openai-gateway\n      baseUrl: http://"
                    + OPENAI.hostPort()
                    + "/v1\n")
            .replace(
                "      apiKey: $ANTHROPIC_API_KEY\n",
                "      apiKey: sk-ant-gateway\n      baseUrl: http://"
                    + ANTHROPIC.hostPort()
                    + "/v1\n");
    assertThat(yaml)
        .contains(OPENAI.hostPort(), ANTHROPIC.hostPort(), "port: " + PORT)
        .contains("llmRequest.model.stripPrefix(\"anthropic/\")");
    GatewayConfigFile.register(registry, yaml);
  }

  private final OpenAIClient openAi =
      OpenAIOkHttpClient.builder()
          .apiKey("sk-client")
          .baseUrl("http://127.0.0.1:" + PORT + "/v1")
          .maxRetries(0)
          .build();

  private final AnthropicClient anthropic =
      AnthropicOkHttpClient.builder()
          .apiKey("sk-client")
          .baseUrl("http://127.0.0.1:" + PORT)
          .maxRetries(0)
          .build();

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    ANTHROPIC.clear();
  }

  @Test
  void smartIsSentToOpenAiAsItsPinnedModel() {
    ChatCompletion completion =
        openAi
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("smart")
                    .addUserMessage("Hello")
                    .build());
    assertThat(completion.choices()).isNotEmpty();
    assertThat(OPENAI.last().json().path("model").asString()).isEqualTo("gpt-5.5");
    assertThat(OPENAI.last().headers()).containsEntry("authorization", "Bearer sk-openai-gateway");
    assertThat(ANTHROPIC.received()).isEmpty();
  }

  @Test
  void theTransformationStripsTheAnthropicPrefixForMessagesClients() {
    Message message =
        anthropic
            .messages()
            .create(
                MessageCreateParams.builder()
                    .model("anthropic/claude-sonnet-4-5")
                    .maxTokens(64)
                    .addUserMessage("Hello")
                    .build());
    assertThat(message.content()).isNotEmpty();
    assertThat(ANTHROPIC.last().uri()).isEqualTo("/v1/messages");
    assertThat(ANTHROPIC.last().json().path("model").asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(ANTHROPIC.last().headers()).containsEntry("x-api-key", "sk-ant-gateway");
  }

  @Test
  void theTransformationAppliesToTranslatedChatRequestsToo() {
    ChatCompletion completion =
        openAi
            .chat()
            .completions()
            .create(
                ChatCompletionCreateParams.builder()
                    .model("anthropic/claude-haiku-4-5")
                    .addUserMessage("Hello")
                    .build());
    assertThat(completion.choices()).isNotEmpty();
    assertThat(ANTHROPIC.last().json().path("model").asString()).isEqualTo("claude-haiku-4-5");
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void theModelListNamesTheExplicitModelOnly() {
    // The wildcard entry names no model a client could list.
    assertThat(openAi.models().list().data()).extracting(Model::id).contains("smart");
    assertThat(openAi.models().list().data())
        .extracting(Model::id)
        .noneMatch(id -> id.startsWith("anthropic/"));
  }
}
