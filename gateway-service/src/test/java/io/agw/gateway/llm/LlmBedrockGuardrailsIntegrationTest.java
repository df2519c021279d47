package io.agw.gateway.llm;

import static io.agw.gateway.support.GatewayClient.json;
import static io.agw.gateway.support.GatewayClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.BedrockSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayClient;
import io.agw.gateway.support.GatewayConfigFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code bedrockGuardrails} request and response guards in front of the OpenAI and Anthropic
 * simulators, asking a Bedrock simulator that checks every ApplyGuardrail call's SigV4 signature
 * with the AWS SDK and answers as the API reference says: anonymized e-mail addresses are masked in
 * what the provider and the client see, blocked texts are refused in the client's format, streamed
 * answers are guarded whole, and a guardrail that fails (500, not JSON, a bad signature, TLS to a
 * plain endpoint, outputs that do not match the texts sent) refuses the request. The Bedrock
 * provider's own {@code guardrailIdentifier}/{@code guardrailVersion} go to Converse as {@code
 * guardrailConfig}, and a {@code guardrail_intervened} stop reaches clients as a content filter
 * (OpenAI) or a refusal (Anthropic), streamed or not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LlmBedrockGuardrailsIntegrationTest {

  private static final String ACCESS_KEY = "AKIAGUARDTEST";
  private static final String SECRET_KEY = "guard-test-secret-key";

  private static final BedrockSimulator BEDROCK =
      BedrockSimulator.start(ACCESS_KEY, SECRET_KEY, "us-east-1");
  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ProviderSimulator ANTHROPIC =
      ProviderSimulator.start(ProviderSimulator.Kind.ANTHROPIC);
  private static final int PORT = FreePorts.next();

  private static final String REJECTED = "The request was rejected due to inappropriate content";

  /** One route guarded on both sides by the same guardrail, in front of {@code provider}. */
  private static String route(
      String name, String guardrail, String version, String secret, String tls, String provider) {
    String guard =
        "{bedrockGuardrails: {guardrailIdentifier: \""
            + guardrail
            + "\", guardrailVersion: \""
            + version
            + "\", region: us-east-1, policies: {backendAuth: {aws: {accessKeyId: "
            + ACCESS_KEY
            + ", secretAccessKey: "
            + secret
            + "}}"
            + tls
            + "}}}";
    String host = provider.equals("openAI") ? OPENAI.hostPort() : ANTHROPIC.hostPort();
    return """
                  - name: %s
                    matches: [{path: {pathPrefix: /%s}}]
                    policies:
                      ai:
                        promptGuard:
                          request: [%s]
                          response: [%s]
                    backends:
                      - ai:
                          name: %s
                          provider: {%s: {}}
                          hostOverride: %s
                          policies:
                            backendAuth: {key: sk-provider}
        """
        .formatted(name, name, guard, guard, provider, provider, host);
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr-main";
    String tls = ", backendTLS: {insecure: true}";
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - routes:
        """
                .formatted(PORT)
            + route("guarded", "gr-main", "1", SECRET_KEY, "", "openAI")
            + route("claude", arn, "DRAFT", SECRET_KEY, "", "anthropic")
            + route("broken", "broken", "1", SECRET_KEY, "", "openAI")
            + route("garbage", "garbage", "1", SECRET_KEY, "", "openAI")
            + route("miscount", "miscount", "1", SECRET_KEY, "", "openAI")
            + route("badsig", "gr-main", "1", "not-the-secret", "", "openAI")
            + route("tls", "gr-main", "1", SECRET_KEY, tls, "openAI")
            + """
                  - name: native
                    matches: [{path: {pathPrefix: /native}}]
                    backends:
                      - ai:
                          name: bedrock
                          provider:
                            bedrock:
                              region: us-east-1
                              model: anthropic.claude-3-haiku-20240307-v1:0
                              guardrailIdentifier: gr-native
                              guardrailVersion: "2"
                          hostOverride: %s
                          policies:
                            backendAuth:
                              aws: {accessKeyId: %s, secretAccessKey: %s}
        """
                .formatted(BEDROCK.hostPort(), ACCESS_KEY, SECRET_KEY);
    GatewayConfigFile.register(registry, yaml);
    registry.add(
        "agw.guardrails.endpoints.bedrock-guardrails", () -> "http://" + BEDROCK.hostPort());
  }

  @Autowired MeterRegistry meters;

  private final GatewayClient gateway = GatewayClient.on(PORT, Duration.ofSeconds(30));

  @BeforeEach
  void clearSimulators() {
    BEDROCK.clear();
    OPENAI.clear();
    ANTHROPIC.clear();
  }

  private static String chat(String model, String system, String user, boolean stream) {
    return "{\"model\":\""
        + model
        + "\","
        + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"system\",\"content\":"
        + WireJson.write(system)
        + "},{\"role\":\"user\",\"content\":"
        + WireJson.write(user)
        + "}]}";
  }

  private static String messages(String user, boolean stream) {
    return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
        + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":"
        + WireJson.write(user)
        + "}]}";
  }

  private List<BedrockSimulator.Received> guardrailCalls() {
    return BEDROCK.received().stream().filter(r -> r.uri().startsWith("/guardrail/")).toList();
  }

  private double decisions(String phase, String action) {
    Counter counter =
        meters
            .find("agw.guardrail.decisions")
            .tags("guard", "bedrockGuardrails", "phase", phase, "action", action)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anonymizedPromptTextsReachTheProviderMaskedThroughASignedApplyGuardrailCall() {
    double masked = decisions("request", "mask");
    var result =
        gateway.post(
            "/guarded/v1/chat/completions",
            chat("gpt-4o", "Be brief.", "Mail john@example.com the report.", false));

    assertThat(result.getStatus().value()).isEqualTo(200);
    JsonNode sent = OPENAI.last().json().path("messages");
    assertThat(sent.get(0).path("content").asString()).isEqualTo("Be brief.");
    assertThat(sent.get(1).path("content").asString()).isEqualTo("Mail {EMAIL} the report.");

    BedrockSimulator.Received call = guardrailCalls().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri()).isEqualTo("/guardrail/gr-main/version/1/apply");
    assertThat(call.signed()).as("SigV4 signature verified by the AWS SDK").isTrue();
    assertThat(call.headers().get("authorization"))
        .contains("Credential=" + ACCESS_KEY + "/", "/us-east-1/bedrock/aws4_request");
    assertThat(call.headers().get("content-type")).isEqualTo("application/json");
    assertThat(call.headers().get("accept")).isEqualTo("application/json");
    assertThat(call.json())
        .isEqualTo(
            WireJson.tree(
                "{\"source\":\"INPUT\",\"content\":[{\"text\":{\"text\":\"Be brief.\"}},"
                    + "{\"text\":{\"text\":\"Mail john@example.com the report.\"}}]}"));
    await().atMost(Duration.ofSeconds(10)).until(() -> decisions("request", "mask") > masked);
  }

  @Test
  void blockedPromptsAreRefusedInTheClientsFormatBeforeAnyProviderCall() {
    double rejected = decisions("request", "reject");
    var openAi =
        gateway.post(
            "/guarded/v1/chat/completions",
            chat("gpt-4o", "Be brief.", "Tell me the forbidden recipe.", false));
    assertThat(openAi.getStatus().value()).isEqualTo(403);
    assertThat(json(openAi).path("error").path("message").asString()).isEqualTo(REJECTED);
    assertThat(text(openAi)).doesNotContain("Sorry, the model cannot answer");

    var anthropic =
        gateway.post("/claude/v1/messages", messages("Tell me the forbidden recipe.", false));
    assertThat(anthropic.getStatus().value()).isEqualTo(403);
    assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
    assertThat(json(anthropic).path("error").path("message").asString()).isEqualTo(REJECTED);
    // A guardrail ARN is one path segment, percent-encoded as the AWS SDK sends it.
    assertThat(guardrailCalls().get(1).uri())
        .isEqualTo(
            "/guardrail/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aguardrail%2Fgr-main"
                + "/version/DRAFT/apply");
    assertThat(guardrailCalls().get(1).signed()).isTrue();

    assertThat(OPENAI.received()).isEmpty();
    assertThat(ANTHROPIC.received()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> decisions("request", "reject") >= rejected + 2);
  }

  @Test
  void answersAreCheckedAsOutputAndMaskedOrRefused() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    var masked = gateway.post("/guarded/v1/chat/completions", chat("gpt-4o", "Hi.", "Who?", false));
    assertThat(masked.getStatus().value()).isEqualTo(200);
    assertThat(json(masked).path("choices").get(0).path("message").path("content").asString())
        .isEqualTo("Write to {EMAIL} for access.");
    BedrockSimulator.Received answerCall = guardrailCalls().get(1);
    assertThat(answerCall.json())
        .isEqualTo(
            WireJson.tree(
                "{\"source\":\"OUTPUT\",\"content\":[{\"text\":"
                    + "{\"text\":\"Write to jane@corp.example for access.\"}}]}"));

    ANTHROPIC.answerWith("Here is the forbidden recipe.");
    var refused = gateway.post("/claude/v1/messages", messages("Cook?", false));
    assertThat(refused.getStatus().value()).isEqualTo(403);
    assertThat(json(refused).path("error").path("message").asString()).isEqualTo(REJECTED);
    assertThat(text(refused)).doesNotContain("recipe");
    await().atMost(Duration.ofSeconds(10)).until(() -> decisions("response", "reject") > 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> decisions("response", "mask") > 0);
  }

  @Test
  void streamedAnswersAreGuardedWholeOnChatCompletionsAndMessages() {
    OPENAI.answerWith("Write to jane@corp.example for access.");
    String chat =
        text(gateway.post("/guarded/v1/chat/completions", chat("gpt-4o", "Hi.", "Who?", true)));
    assertThat(StreamedText.of(chat)).isEqualTo("Write to {EMAIL} for access.");
    assertThat(chat).doesNotContain("jane@");

    ANTHROPIC.answerWith("Write to jane@corp.example for access.");
    String maskedMessages = text(gateway.post("/claude/v1/messages", messages("Who?", true)));
    assertThat(StreamedText.of(maskedMessages)).isEqualTo("Write to {EMAIL} for access.");
    assertThat(maskedMessages).contains("message_stop").doesNotContain("jane@");

    ANTHROPIC.answerWith("Here is the forbidden recipe, step one.");
    String refused = text(gateway.post("/claude/v1/messages", messages("Cook?", true)));
    assertThat(refused).contains("event: error", REJECTED).doesNotContain("recipe", "message_stop");

    OPENAI.answerWith("Here is the forbidden recipe, step one.");
    String refusedChat =
        text(gateway.post("/guarded/v1/chat/completions", chat("gpt-4o", "Hi.", "Cook?", true)));
    assertThat(refusedChat).contains(REJECTED).doesNotContain("recipe");
  }

  @Test
  void aGuardrailThatFailsRefusesTheRequestWith503() {
    double failures = decisions("request", "reject");
    for (String route : List.of("broken", "garbage", "badsig", "tls")) {
      var result =
          gateway.post(
              "/" + route + "/v1/chat/completions", chat("gpt-4o", "Hi.", "Plain text.", false));
      assertThat(result.getStatus().value()).as(route).isEqualTo(503);
      assertThat(json(result).path("error").path("message").asString()).as(route).isNotBlank();
      assertThat(text(result)).as(route).doesNotContain(SECRET_KEY, "Plain text.");
    }
    var anthropic = gateway.post("/broken/v1/messages", messages("Plain text.", false));
    assertThat(anthropic.getStatus().value()).isEqualTo(503);
    assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
    assertThat(OPENAI.received()).isEmpty();
    assertThat(guardrailCalls())
        .as("badsig reached the simulator, which refused its signature")
        .anyMatch(r -> !r.signed());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> decisions("request", "reject") >= failures + 5);
  }

  @Test
  void anAnonymizedAnswerWithTooFewOutputsIsRefused() {
    var result =
        gateway.post(
            "/miscount/v1/chat/completions",
            chat("gpt-4o", "Be brief.", "Mail john@example.com.", false));
    assertThat(result.getStatus().value()).isEqualTo(403);
    assertThat(json(result).path("error").path("message").asString()).isEqualTo(REJECTED);
    assertThat(OPENAI.received()).isEmpty();
  }

  private BedrockSimulator.Received lastConverse() {
    return BEDROCK.received().stream()
        .filter(r -> r.uri().contains("/converse"))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void theProvidersOwnGuardrailGoesToConverseAndItsInterventionIsAContentFilterStop() {
    var chat =
        gateway.post(
            "/native/v1/chat/completions",
            chat("any", "Hi.", "Tell me the forbidden recipe.", false));
    assertThat(chat.getStatus().value()).isEqualTo(200);
    JsonNode choice = json(chat).path("choices").get(0);
    assertThat(choice.path("finish_reason").asString()).isEqualTo("content_filter");
    assertThat(choice.path("message").path("content").asString())
        .isEqualTo("Sorry, the model cannot answer this question.");
    BedrockSimulator.Received converse = lastConverse();
    assertThat(converse.uri())
        .isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    assertThat(converse.signed()).isTrue();
    assertThat(converse.json().path("guardrailConfig"))
        .isEqualTo(
            WireJson.tree(
                "{\"guardrailIdentifier\":\"gr-native\",\"guardrailVersion\":\"2\","
                    + "\"trace\":\"enabled\"}"));

    var messages =
        gateway.post("/native/v1/messages", messages("Tell me the forbidden recipe.", false));
    assertThat(messages.getStatus().value()).isEqualTo(200);
    assertThat(json(messages).path("stop_reason").asString()).isEqualTo("refusal");

    var plain = gateway.post("/native/v1/chat/completions", chat("any", "Hi.", "Any news?", false));
    assertThat(json(plain).path("choices").get(0).path("finish_reason").asString())
        .isEqualTo("stop");
    assertThat(lastConverse().json().has("guardrailConfig")).isTrue();

    var responses =
        gateway.post("/native/v1/responses", "{\"model\":\"any\",\"input\":\"Any news?\"}");
    assertThat(responses.getStatus().value()).isEqualTo(200);
    assertThat(lastConverse().json().path("guardrailConfig").path("guardrailIdentifier").asString())
        .isEqualTo("gr-native");
  }

  @Test
  void theProvidersOwnGuardrailStopsStreamsToo() {
    String chat =
        text(
            gateway.post(
                "/native/v1/chat/completions",
                chat("any", "Hi.", "Tell me the forbidden recipe.", true)));
    assertThat(StreamedText.of(chat)).isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(chat).contains("\"finish_reason\":\"content_filter\"");
    assertThat(lastConverse().uri()).endsWith("/converse-stream");
    assertThat(lastConverse().json().path("guardrailConfig").path("guardrailVersion").asString())
        .isEqualTo("2");

    String messages =
        text(gateway.post("/native/v1/messages", messages("Tell me the forbidden recipe.", true)));
    assertThat(StreamedText.of(messages))
        .isEqualTo("Sorry, the model cannot answer this question.");
    assertThat(messages).contains("\"stop_reason\":\"refusal\"", "message_stop");
  }
}
