package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sim.WebhookSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestJwks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * agentgateway's two webhook examples ({@code examples/llm-prompt-guard/README.md}, "Guardrails
 * Webhook", copied with their notice into {@code agentgateway/llm-prompt-guard/webhook-readme-*})
 * load as written, each as the policies of a route, with only the webhook's {@code 127.0.0.1:8000}
 * pointed at the webhook simulator (and, for the headers example, a {@code jwtAuth} policy added so
 * that {@code jwt.sub} has a value), and behave as the README says: matching request headers are
 * forwarded, the prompt and the answer go to {@code /request} and {@code /response}, {@code :path}
 * replaces the default path, and {@code x-user} and {@code x-tenant} carry the client's context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AgentgatewayWebhookExampleIntegrationTest {

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final WebhookSimulator WEBHOOK = WebhookSimulator.start();
  private static final TestJwks JWKS = newJwks();
  private static final int PORT = FreePorts.next();

  private static TestJwks newJwks() {
    try {
      return new TestJwks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String forward = example("webhook-readme-forward.yaml");
    String headers =
        example("webhook-readme-headers.yaml")
            .replace(
                "policies:\n",
                "policies:\n  jwtAuth:\n    mode: strict\n    issuer: https://issuer.test\n"
                    + "    audiences: [llm]\n    jwks: {url: \""
                    + JWKS.url()
                    + "\"}\n");
    String yaml =
        "binds:\n- port: "
            + PORT
            + "\n  listeners:\n  - routes:\n"
            + route("forward", forward)
            + route("headers", headers);
    assertThat(yaml).doesNotContain("127.0.0.1:8000");
    GatewayConfigFile.register(registry, yaml);
    String ca =
        Path.of(AgentgatewayWebhookExampleIntegrationTest.class.getResource("/tls/ca.pem").toURI())
            .toString();
    registry.add("agw.security.jwks-ca-file", () -> ca);
  }

  private static String example(String name) throws Exception {
    String text = GatewayConfigFile.resource("/agentgateway/llm-prompt-guard/" + name);
    assertThat(text).contains("host: 127.0.0.1:8000");
    return text.replace("host: 127.0.0.1:8000", "host: " + WEBHOOK.hostPort());
  }

  /** A route serving {@code /<name>} with the OpenAI simulator and the example as its policies. */
  private static String route(String name, String policies) {
    return "    - name: "
        + name
        + "\n      matches:\n      - path:\n          pathPrefix: /"
        + name
        + "\n      backends:\n      - ai:\n          name: openai\n          provider:\n"
        + "            openAI: {}\n          hostOverride: "
        + OPENAI.hostPort()
        + "\n"
        + policies.lines().map(l -> "      " + l).collect(Collectors.joining("\n"))
        + "\n";
  }

  private final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    WEBHOOK.clear();
  }

  @AfterEach
  void theWebhookOnlyEverGotCallsOfTheContract() {
    assertThat(WEBHOOK.violations()).isEmpty();
  }

  private EntityExchangeResult<byte[]> chat(String uri, String prompt, String... headers) {
    return gateway
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(
            h -> {
              for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
              }
            })
        .bodyValue(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                + WireJson.write(prompt)
                + "}]}")
        .exchange()
        .expectBody()
        .returnResult();
  }

  @Test
  void theForwardingExampleForwardsMatchingHeadersAndGuardsPromptAndAnswer() {
    OPENAI.answerWith("Your SECRET-TOKEN is safe.");
    var result =
        chat(
            "/forward/v1/chat/completions",
            "store SECRET-TOKEN",
            "h1",
            "v1",
            "h2",
            "v2-beta",
            "h3",
            "v3");

    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(OPENAI.last().json().path("messages").get(0).path("content").asString())
        .isEqualTo("store [REDACTED]");
    assertThat(
            WireJson.tree(new String(result.getResponseBody(), StandardCharsets.UTF_8))
                .path("choices")
                .get(0)
                .path("message")
                .path("content")
                .asString())
        .isEqualTo("Your [REDACTED] is safe.");
    WebhookSimulator.Received request = WEBHOOK.received("/request").get(0);
    assertThat(request.headers())
        .containsEntry("h1", "v1")
        .containsEntry("h2", "v2-beta")
        .doesNotContainKey("h3");
    WebhookSimulator.Received response = WEBHOOK.received("/response").get(0);
    assertThat(response.texts()).containsExactly("Your SECRET-TOKEN is safe.");
    assertThat(response.headers()).doesNotContainKeys("h1", "h2", "h3");

    // h1 must match v1 as a whole: "v10" is not forwarded.
    WEBHOOK.clear();
    chat("/forward/v1/chat/completions", "hi", "h1", "v10");
    assertThat(WEBHOOK.received("/request").get(0).headers()).doesNotContainKey("h1");
  }

  @Test
  void theHeadersExampleReplacesThePathAndPassesTheClientsContext() throws Exception {
    String token =
        JWKS.token(
            "https://issuer.test", "llm", "user-123", Instant.now().plusSeconds(300), Map.of());
    var result =
        chat(
            "/headers/v1/chat/completions",
            "tell me about webhook-reject",
            "authorization",
            "Bearer " + token,
            "x-tenant",
            "acme");

    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(OPENAI.received()).isEmpty();
    assertThat(WEBHOOK.received()).hasSize(1);
    WebhookSimulator.Received call = WEBHOOK.received().get(0);
    assertThat(call.path()).isEqualTo("/v3/guardrails/request");
    assertThat(call.headers())
        .containsEntry("x-user", "user-123")
        .containsEntry("x-tenant", "acme")
        .doesNotContainKey("authorization");
  }
}
