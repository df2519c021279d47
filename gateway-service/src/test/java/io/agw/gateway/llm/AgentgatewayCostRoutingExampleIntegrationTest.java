package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.Headers;
import com.openai.errors.NotFoundException;
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
 * agentgateway's cost routing example ({@code examples/llm-cost-routing/config.yaml}, copied with
 * its notice into {@code agentgateway-examples/}) loaded unchanged apart from its port and the
 * providers' {@code baseUrl}, which point at a loopback OpenAI stand-in, and called with the
 * official OpenAI SDK: the three tier models are internal (not listed, not callable by name), and
 * {@code smart-model} picks its tier by CEL on the request, as the example's comments say.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentgatewayCostRoutingExampleIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String example =
        GatewayConfigFile.resource("/agentgateway-examples/llm-cost-routing/config.yaml");
    String yaml =
        example
            .replace("  port: 4000\n", "  port: " + PORT + "\n")
            .replace(
                "baseUrl: https://api.openai.com/v1",
                "baseUrl: http://" + OPENAI.hostPort() + "/v1");
    assertThat(yaml).contains("port: " + PORT).doesNotContain("api.openai.com");
    GatewayConfigFile.register(registry, yaml);
  }

  private final OpenAIClient client =
      OpenAIOkHttpClient.builder()
          .apiKey("sk-client")
          .baseUrl("http://127.0.0.1:" + PORT + "/v1")
          .maxRetries(0)
          .build();

  @BeforeEach
  void clearSimulator() {
    OPENAI.clear();
  }

  private ChatCompletionCreateParams.Builder smart() {
    return ChatCompletionCreateParams.builder().model("smart-model").addUserMessage("Hello");
  }

  /** The provider that answered (the tier model's entry), and the model it was asked for. */
  private String[] served(ChatCompletionCreateParams params) {
    var response = client.chat().completions().withRawResponse().create(params);
    Headers headers = response.headers();
    ChatCompletion completion = response.parse();
    assertThat(completion.choices()).isNotEmpty();
    return new String[] {
      headers.values("x-agw-provider").get(0), OPENAI.last().json().path("model").asString()
    };
  }

  @Test
  void onlyTheVirtualModelIsListed() {
    assertThat(client.models().list().data()).extracting(Model::id).containsExactly("smart-model");
  }

  @Test
  void internalTierModelsCannotBeCalledByName() {
    assertThatThrownBy(
            () ->
                client
                    .chat()
                    .completions()
                    .create(
                        ChatCompletionCreateParams.builder()
                            .model("economy-model")
                            .addUserMessage("Hello")
                            .build()))
        .isInstanceOf(NotFoundException.class);
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void aSmallOrMissingTokenBudgetGoesToTheEconomyTier() {
    assertThat(served(smart().maxTokens(200).build()))
        .containsExactly("economy-model", "gpt-4o-mini");
    assertThat(served(smart().build())).containsExactly("economy-model", "gpt-4o-mini");
    // The client asked for the virtual model; the tier's pinned model went upstream.
    assertThat(OPENAI.last().headers()).containsEntry("authorization", "Bearer replace-me");
  }

  @Test
  void aLargerBudgetGoesToTheBalancedThenThePremiumTier() {
    assertThat(served(smart().maxTokens(2048).build())).containsExactly("balanced-model", "gpt-4o");
    assertThat(served(smart().maxTokens(8192).build())).containsExactly("premium-model", "gpt-4o");
  }

  @Test
  void anExplicitCostTierInTheMetadataWins() {
    assertThat(served(tier("balanced").maxTokens(100).build()))
        .containsExactly("balanced-model", "gpt-4o");
    assertThat(served(tier("economy").maxTokens(8192).build()))
        .containsExactly("economy-model", "gpt-4o-mini");
    assertThat(served(tier("platinum").build())).containsExactly("premium-model", "gpt-4o");
  }

  private ChatCompletionCreateParams.Builder tier(String tier) {
    return smart()
        .metadata(
            ChatCompletionCreateParams.Metadata.builder()
                .putAdditionalProperty("cost_tier", JsonValue.from(tier))
                .build());
  }
}
