package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/**
 * agentgateway's own prompt guard example ({@code examples/llm-prompt-guard/config.yaml}, copied
 * with its notice into {@code agentgateway/llm-prompt-guard/}) loads unchanged apart from its port
 * and provider host, which point at loopback, and behaves as its README says: prompts naming an SSN
 * or holding an e-mail address are rejected with the JSON bodies it configures, others reach the
 * provider.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AgentgatewayPromptGuardExampleIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final int PORT = FreePorts.next();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String example = GatewayConfigFile.resource("/agentgateway/llm-prompt-guard/config.yaml");
    String yaml = GatewayConfigFile.pointExampleAt(example, PORT, OPENAI.hostPort());
    assertThat(yaml).isNotEqualTo(example).contains(OPENAI.hostPort(), "port: " + PORT);
    GatewayConfigFile.register(registry, yaml);
  }

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(20));

  @BeforeEach
  void clearSimulator() {
    OPENAI.clear();
  }

  private EntityExchangeResult<byte[]> chat(String prompt) {
    return gateway.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
            + WireJson.write(prompt)
            + "}]}");
  }

  private static JsonNode error(EntityExchangeResult<byte[]> result) {
    return WireJson.tree(new String(result.getResponseBody(), StandardCharsets.UTF_8))
        .path("error");
  }

  @Test
  void theExampleRejectsSsnMentionsAndEmailAddressesWithItsOwnBodies() {
    var ssn = chat("What is my SSN again?");
    assertThat(ssn.getStatus().value()).isEqualTo(400);
    assertThat(ssn.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(error(ssn).path("code").asString()).isEqualTo("content_policy_violation");
    assertThat(error(ssn).path("message").asString())
        .isEqualTo("Request rejected: Content contains sensitive information");

    var social = chat("my Social Security number");
    assertThat(social.getStatus().value()).isEqualTo(400);
    assertThat(error(social).path("code").asString()).isEqualTo("content_policy_violation");

    var email = chat("reach me at jane@example.com");
    assertThat(email.getStatus().value()).isEqualTo(400);
    assertThat(error(email).path("code").asString()).isEqualTo("pii_detected");

    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void theExamplePassesOtherPromptsToTheProvider() {
    var ok = chat("What is the capital of France?");
    assertThat(ok.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.received()).hasSize(1);
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("What is the capital of France?");
  }
}
