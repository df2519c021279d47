package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code promptGuard} in the {@code ai} policy of backends ({@code
 * gateway/llm-backend-prompt-guard.yaml}), in front of the OpenAI simulator: the guards of the most
 * specific {@code ai} policy that has any (provider, route reference, backend resource, route)
 * apply, whole, and the others do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LlmBackendPromptGuardIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final int PORT = FreePorts.next();
  private static final int LLM_PORT = FreePorts.next();

  private static final String PROMPT =
      "ssn 123-45-6789, mail john@example.com, phone (555) 123-4567";

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        GatewayConfigFile.resource(
            "/gateway/llm-backend-prompt-guard.yaml",
            Map.of(
                "PORT",
                Integer.toString(PORT),
                "LLM_PORT",
                Integer.toString(LLM_PORT),
                "OPENAI",
                OPENAI.hostPort()));
    GatewayConfigFile.register(registry, yaml);
  }

  private final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void clearSimulator() {
    OPENAI.clear();
  }

  private EntityExchangeResult<byte[]> chat(String prefix, String content, boolean stream) {
    return chat(gateway, prefix, "gpt-4o", content, stream);
  }

  private static EntityExchangeResult<byte[]> chat(
      WebTestClient client, String prefix, String model, String content, boolean stream) {
    return client
        .post()
        .uri(prefix + "/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":"
                + WireJson.write(model)
                + ",\"stream\":"
                + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + WireJson.write(content)
                + "}]}")
        .exchange()
        .expectBody()
        .returnResult();
  }

  private static String sentPrompt() {
    JsonNode messages = OPENAI.last().json().path("messages");
    return messages.get(messages.size() - 1).path("content").asString();
  }

  private static String body(EntityExchangeResult<byte[]> result) {
    return new String(result.getResponseBody(), StandardCharsets.UTF_8);
  }

  @Test
  void aProvidersGuardsReplaceTheRoutes() {
    var passed = chat("/provider", PROMPT, false);
    assertThat(passed.getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt()).as("the route's email mask does not apply").isEqualTo(PROMPT);

    OPENAI.clear();
    var rejected = chat("/provider", "about Project Apollo", false);
    assertThat(rejected.getStatus().value()).isEqualTo(403);
    assertThat(WireJson.tree(body(rejected)).path("error").path("message").asString())
        .isEqualTo("The request was rejected due to inappropriate content");
    assertThat(OPENAI.received()).as("no provider is called").isEmpty();
  }

  @Test
  void aBackendResourcesGuardsReplaceTheRoutesOnRequestsAndAnswers() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    var result = chat("/named", PROMPT, false);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt()).isEqualTo("ssn <SSN>, mail john@example.com, phone (555) 123-4567");
    assertThat(
            WireJson.tree(body(result))
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .asString())
        .isEqualTo("Write to <EMAIL_ADDRESS> for access.");
  }

  @Test
  void aStreamedAnswerIsGuardedByTheBackendsResponseGuards() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    var result = chat("/named", "who?", true);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(body(result)).contains("<EMAIL_ADDRESS>").doesNotContain("jane@corp.example");
  }

  @Test
  void aRouteReferencesGuardsReplaceTheBackendResources() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    var result = chat("/reference", PROMPT, false);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt())
        .isEqualTo("ssn 123-45-6789, mail john@example.com, phone <PHONE_NUMBER>");
    assertThat(body(result))
        .as("the backend resource's response guard is replaced too")
        .contains("jane@corp.example");
  }

  @Test
  void withoutGuardsOnTheBackendTheRoutesApply() {
    var result = chat("/route-only", PROMPT, false);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt())
        .isEqualTo("ssn 123-45-6789, mail <EMAIL_ADDRESS>, phone (555) 123-4567");
  }

  @Test
  void providersThatMayServeOneRequestWithDifferentGuardsAreRefusedNotHalfGuarded() {
    var result = chat("/mixed", PROMPT, false);
    assertThat(result.getStatus().value()).isEqualTo(500);
    assertThat(WireJson.tree(body(result)).path("error").path("message").asString())
        .contains("different prompt guards");
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void theLlmShorthandGuardsEachModelWithTheSharedGuardrailsThenItsOwn() {
    WebTestClient llm =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + LLM_PORT)
            .responseTimeout(Duration.ofSeconds(20))
            .build();
    String mail = "mail john@example.com";

    assertThat(chat(llm, "", "gpt-4o", mail, false).getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt()).isEqualTo("mail <EMAIL_ADDRESS>");
    OPENAI.clear();
    assertThat(chat(llm, "", "gpt-4o-mini", mail, false).getStatus().value()).isEqualTo(200);
    assertThat(sentPrompt()).as("only gpt-4o has the email guard").isEqualTo(mail);

    OPENAI.clear();
    for (String model : new String[] {"gpt-4o", "gpt-4o-mini"}) {
      var rejected = chat(llm, "", model, "ssn 123-45-6789", false);
      assertThat(rejected.getStatus().value()).as(model).isEqualTo(403);
    }
    assertThat(OPENAI.received()).as("no provider is called").isEmpty();
  }
}
