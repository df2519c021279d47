package io.agw.gateway.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ContentSafetySimulator;
import io.agw.gateway.llm.sim.EntraTokenSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.llm.sim.ProviderSimulator.Received;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code azureContentSafety} guards with {@code backendAuth.azure} ({@code
 * gateway/llm-content-safety-entra.yaml}): the gateway obtains an Entra ID token with the client
 * credentials grant from a token endpoint simulator (https on loopback, its authority given as
 * {@code AZURE_AUTHORITY_HOST}, its test CA trusted through {@code javax.net.ssl.trustStore}) and
 * sends it as a bearer token to the Content Safety simulator, which accepts nothing else; the token
 * is reused; a token that cannot be had refuses with 503; neither the client secret nor the token
 * reaches a log or an error body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ContentSafetyEntraIntegrationTest {

  private static final String TENANT = "7f3e2c1a-0000-4000-8000-00000000cafe";
  private static final String CLIENT = "0b9e0c4e-1d55-4b0e-9a53-5d6c4b1c2f11";
  private static final String SECRET = "entra-client-secret-Qx7~s3cr3t";
  private static final String WRONG_SECRET = "entra-wrong-secret-Zk9~n0p3";
  private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.entra-access-token-7Jd2";

  private static final ProviderSimulator OPENAI =
      ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  private static final ContentSafetySimulator SAFETY =
      ContentSafetySimulator.startWithEntraToken(TOKEN);
  private static final EntraTokenSimulator ENTRA =
      EntraTokenSimulator.start(TENANT, CLIENT, SECRET, TOKEN);
  private static final int PORT = FreePorts.next();

  private static final Map<String, String> SYSTEM_PROPERTIES =
      Map.of(
          "AZURE_AUTHORITY_HOST",
          ENTRA.authorityHost(),
          "javax.net.ssl.trustStore",
          trustStore(),
          "javax.net.ssl.trustStorePassword",
          "changeit",
          "javax.net.ssl.trustStoreType",
          "PKCS12");

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    SYSTEM_PROPERTIES.forEach(System::setProperty);
    String yaml =
        new String(
                ContentSafetyEntraIntegrationTest.class
                    .getResourceAsStream("/gateway/llm-content-safety-entra.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${OPENAI}", OPENAI.hostPort())
            .replace("${SAFETY}", SAFETY.baseUrl())
            .replace("${TENANT}", TENANT)
            .replace("${CLIENT}", CLIENT)
            .replace("${SECRET}", SECRET)
            .replace("${WRONG_SECRET}", WRONG_SECRET);
    Path file = Files.createTempDirectory("agw-content-safety-entra").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void restoreSystemProperties() {
    SYSTEM_PROPERTIES.keySet().forEach(System::clearProperty);
  }

  /** A PKCS12 trust store holding the test CA that signed the simulator's certificate. */
  private static String trustStore() {
    try (InputStream ca =
        ContentSafetyEntraIntegrationTest.class.getResourceAsStream("/tls/ca.pem")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(
          "agw-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
      Path file = Files.createTempFile("agw-entra-trust", ".p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, "changeit".toCharArray());
      }
      return file.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final WebTestClient gateway =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(30))
          .build();

  @BeforeEach
  void clearSimulators() {
    OPENAI.clear();
    SAFETY.clear();
  }

  private EntityExchangeResult<byte[]> chat(String prefix, String prompt) {
    return gateway
        .post()
        .uri(prefix + "/v1/chat/completions")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                + WireJson.write(prompt)
                + "}]}")
        .exchange()
        .expectBody()
        .returnResult();
  }

  private static String text(EntityExchangeResult<byte[]> result) {
    return new String(result.getResponseBody(), StandardCharsets.UTF_8);
  }

  @Test
  void theEntraTokenReachesContentSafetyAsABearerTokenAndIsReused() {
    OPENAI.answerWith("Paris is the capital.");

    var first = chat("/entra", "What is the capital of France?");
    var second = chat("/entra", "And of Italy?");

    assertThat(first.getStatus().value()).isEqualTo(200);
    assertThat(second.getStatus().value()).isEqualTo(200);
    assertThat(SAFETY.received()).hasSize(4);
    for (Received call : SAFETY.received()) {
      assertThat(call.headers().get("authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(call.headers()).doesNotContainKey("ocp-apim-subscription-key");
    }
    // One token for both prompts (analysis and jailbreak detection each): the SDK caches it.
    var tokenRequests =
        ENTRA.tokenRequests().stream().filter(f -> SECRET.equals(f.get("client_secret"))).toList();
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0))
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", CLIENT);
    // MSAL adds the OpenID scopes to the one asked for, as Entra ID expects.
    assertThat(tokenRequests.get(0).get("scope").split(" "))
        .contains("https://cognitiveservices.azure.com/.default");
  }

  @Test
  void harmfulPromptsAreStillRefusedWithEntraAuth() {
    var slap = chat("/entra", "I will slap you");

    assertThat(slap.getStatus().value()).isEqualTo(403);
    assertThat(OPENAI.received()).isEmpty();
  }

  @Test
  void noTokenFailsClosedWith503AndLeaksNoCredential(CapturedOutput output) {
    var refused = chat("/wrong-secret", "What is the capital of France?");

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(WireJson.tree(text(refused)).path("error").path("message").asString())
        .isEqualTo("the content could not be checked by a guardrail; try again later");
    assertThat(ENTRA.tokenRequests())
        .anySatisfy(f -> assertThat(f).containsEntry("client_secret", WRONG_SECRET));
    assertThat(SAFETY.received()).isEmpty();
    assertThat(OPENAI.received()).isEmpty();

    chat("/entra", "What is the capital of France?");
    assertThat(text(refused)).doesNotContain(WRONG_SECRET, SECRET, TOKEN);
    assertThat(output.getAll()).doesNotContain(WRONG_SECRET, SECRET, TOKEN);
  }
}
