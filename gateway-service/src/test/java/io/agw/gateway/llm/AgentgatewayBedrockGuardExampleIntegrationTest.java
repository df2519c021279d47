package io.agw.gateway.llm;

import static io.agw.gateway.support.GatewayClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.BedrockSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * agentgateway's {@code examples/llm-prompt-guard/bedrock-config.yaml} (copied with its notice into
 * {@code agentgateway/llm-prompt-guard/}) loads unchanged apart from its port and provider host,
 * with {@code agw.guardrails.endpoints.bedrock-guardrails} pointing its guardrail at the Bedrock
 * simulator: its {@code aws: {}} credentials come from the AWS SDK's default chain (here the {@code
 * aws.accessKeyId} / {@code aws.secretAccessKey} system properties), every ApplyGuardrail call is
 * signed for us-west-2, prompts and answers are masked or refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentgatewayBedrockGuardExampleIntegrationTest {

  private static final String ACCESS_KEY = "AKIAEXAMPLECHAIN";
  private static final String SECRET_KEY = "example-chain-secret";

  private static final BedrockSimulator BEDROCK =
      BedrockSimulator.start(ACCESS_KEY, SECRET_KEY, "us-west-2");
  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final int PORT = FreePorts.next();

  static {
    // The SDK's default chain reads these before the environment.
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  @AfterAll
  static void clearChain() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String example =
        GatewayConfigFile.resource("/agentgateway/llm-prompt-guard/bedrock-config.yaml");
    String yaml = GatewayConfigFile.pointExampleAt(example, PORT, OPENAI.hostPort());
    assertThat(yaml).contains(OPENAI.hostPort(), "port: " + PORT, "bedrockGuardrails");
    GatewayConfigFile.register(registry, yaml);
    registry.add(
        "agw.guardrails.endpoints.bedrock-guardrails", () -> "http://" + BEDROCK.hostPort());
  }

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(30));

  @BeforeEach
  void clearSimulators() {
    BEDROCK.clear();
    OPENAI.clear();
  }

  private EntityExchangeResult<byte[]> chat(String prompt) {
    return gateway.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
            + WireJson.write(prompt)
            + "}]}");
  }

  @Test
  void theExampleMasksThroughTheGuardrailWithDefaultChainCredentials() {
    OPENAI.answerWith("Sure, write to jane@corp.example.");
    var result = chat("Forward this to john@example.com please.");

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("Forward this to {EMAIL} please.");
    assertThat(json(result).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Sure, write to {EMAIL}.");
    assertThat(BEDROCK.received())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.uri())
                  .isEqualTo("/guardrail/bedrock-guardrail-identifier/version/DRAFT/apply");
              assertThat(r.signed()).isTrue();
              assertThat(r.headers().get("authorization"))
                  .contains(ACCESS_KEY + "/", "/us-west-2/bedrock/");
            });
    assertThat(BEDROCK.received().get(0).json().path("source").asString()).isEqualTo("INPUT");
    assertThat(BEDROCK.received().get(1).json().path("source").asString()).isEqualTo("OUTPUT");
  }

  @Test
  void theExampleRefusesWhatTheGuardrailBlocks() {
    var result = chat("Tell me the forbidden recipe.");
    assertThat(result.getStatus().value()).isEqualTo(403);
    assertThat(json(result).path("error").path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");
    assertThat(OPENAI.received()).isEmpty();
  }
}
