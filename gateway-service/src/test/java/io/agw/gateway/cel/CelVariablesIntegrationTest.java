package io.agw.gateway.cel;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestJwks;
import io.agw.gateway.support.TestUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every CEL variable family the gateway fills, in an {@code authorization} allow rule and a deny
 * rule on a real gateway ({@code cel/variables.yaml}) in front of real upstreams and an OpenAI
 * simulator: {@code request}, {@code source}, {@code jwt}, {@code apiKey}, {@code basicAuth},
 * {@code backend} and {@code llm}. Each case checks what the client sees (200 or 403, the error
 * body's format) and that a refused request never reached the upstream.
 *
 * <p>{@code response} exists only in the response phase: authorization rules are decided before the
 * request is sent, where agentgateway's schema has no response either. The product evaluates it in
 * response transformations, so it is tested there: a header computed from {@code response.code} and
 * {@code response.headers} differs between a 200 and a 503 from the upstream. {@code backend} and
 * {@code llm} rules are decided late (once the backend is chosen and the LLM body parsed, see
 * {@code security.AuthorizationRules}); both families are also read by response transformations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CelVariablesIntegrationTest {

  static final TestUpstream UP = TestUpstream.start("up");
  static final TestUpstream OTHER = TestUpstream.start("other");
  static final ProviderSimulator OPENAI = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
  static final TestJwks JWKS = newJwks();
  static final int PORT = FreePorts.next();
  static final int DENIED_CLIENT_PORT = FreePorts.next();
  static final int ALLOWED_CLIENT_PORT = FreePorts.next();

  static TestJwks newJwks() {
    try {
      return new TestJwks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                CelVariablesIntegrationTest.class
                    .getResourceAsStream("/cel/variables.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${UP}", UP.hostPort())
            .replace("${OTHER}", OTHER.hostPort())
            .replace("${OPENAI}", OPENAI.hostPort())
            .replace("${JWKS}", JWKS.url())
            .replace("${DENIED_CLIENT_PORT}", Integer.toString(DENIED_CLIENT_PORT))
            .replace("${ALICE_SHA}", sha("alicepw"))
            .replace("${AMY_SHA}", sha("amypw"))
            .replace("${BOB_SHA}", sha("bobpw"));
    Path file = Files.createTempDirectory("agw-cel").resolve("config.yaml");
    Files.writeString(file, yaml);
    String ca =
        Path.of(CelVariablesIntegrationTest.class.getResource("/tls/ca.pem").toURI()).toString();
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.security.jwks-ca-file", () -> ca);
  }

  /** An htpasswd {@code {SHA}} hash. */
  static String sha(String password) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
    return "{SHA}" + Base64.getEncoder().encodeToString(digest);
  }

  @AfterAll
  static void stop() {
    UP.close();
    OTHER.close();
    OPENAI.close();
    JWKS.close();
  }

  final WebTestClient client =
      WebTestClient.bindToServer()
          .baseUrl("http://127.0.0.1:" + PORT)
          .responseTimeout(Duration.ofSeconds(20))
          .build();

  @BeforeEach
  void reset() {
    UP.reset();
    OTHER.reset();
    OPENAI.clear();
  }

  private int get(String path, String header, String value) {
    return client
        .get()
        .uri(path)
        .headers(h -> h.set(header, value))
        .exchange()
        .returnResult(byte[].class)
        .getStatus()
        .value();
  }

  @Test
  void request() {
    assertThat(get("/request/a", "x-pass", "yes")).isEqualTo(200);
    assertThat(get("/request/a", "x-pass", "no")).isEqualTo(403);
    assertThat(get("/request/blocked", "x-pass", "yes")).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void source() throws Exception {
    // The allow rule reads source.address; the deny rule the client's own port, which a plain
    // socket bound to a chosen local port controls.
    assertThat(statusFrom(ALLOWED_CLIENT_PORT, "/source/a")).isEqualTo(200);
    assertThat(statusFrom(DENIED_CLIENT_PORT, "/source/a")).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void cidrAndIpOfTheSourceAddress() {
    // The client connects from 127.0.0.1: inside 127.0.0.0/8, outside 10.0.0.0/8.
    assertThat(get("/cidr-allow/a", "x-any", "1")).isEqualTo(200);
    assertThat(get("/cidr-not-allowed/a", "x-any", "1")).isEqualTo(403);
    assertThat(get("/cidr-deny/a", "x-any", "1")).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void jwt() throws Exception {
    Instant exp = Instant.now().plusSeconds(300);
    String reader = JWKS.token("https://issuer.test", "api", "ann", exp, roles("reader"));
    String writer = JWKS.token("https://issuer.test", "api", "ann", exp, roles("writer"));
    String mallory = JWKS.token("https://issuer.test", "api", "mallory", exp, roles("reader"));
    assertThat(get("/jwt/a", "Authorization", "Bearer " + reader)).isEqualTo(200);
    assertThat(get("/jwt/a", "Authorization", "Bearer " + writer)).isEqualTo(403);
    assertThat(get("/jwt/a", "Authorization", "Bearer " + mallory)).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  private static Map<String, Object> roles(String role) {
    return Map.of("roles", List.of(role));
  }

  @Test
  void apiKey() {
    assertThat(get("/apikey/a", "Authorization", "Bearer sk-gold")).isEqualTo(200);
    assertThat(get("/apikey/a", "Authorization", "Bearer sk-bronze")).isEqualTo(403);
    assertThat(get("/apikey/a", "Authorization", "Bearer sk-gold-blocked")).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  @Test
  void basicAuth() {
    assertThat(get("/basic/a", "Authorization", basic("alice", "alicepw"))).isEqualTo(200);
    assertThat(get("/basic/a", "Authorization", basic("bob", "bobpw"))).isEqualTo(403);
    assertThat(get("/basic/a", "Authorization", basic("amy", "amypw"))).isEqualTo(403);
    assertThat(UP.received()).hasSize(1);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void backend() {
    client
        .get()
        .uri("/backend/up")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-backend", UP.hostPort());
    // Not allowed (another backend), and denied (the deny rule names it).
    assertThat(get("/backend/other", "x-deny", "no")).isEqualTo(403);
    assertThat(get("/backend/other", "x-deny", "yes")).isEqualTo(403);
    client
        .get()
        .uri("/backend/other")
        .header("x-deny", "yes")
        .exchange()
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("forbidden");
    assertThat(UP.received()).hasSize(1);
    assertThat(OTHER.received()).isEmpty();
    // A direct response comes before the backend choice; the backend rule is not skipped.
    assertThat(get("/backend/direct", "x-admin", "no")).isEqualTo(403);
    client
        .get()
        .uri("/backend/direct")
        .header("x-admin", "yes")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("direct");
  }

  @Test
  void response() {
    client
        .get()
        .uri("/response/200")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-outcome", "ok")
        .expectHeader()
        .valueEquals("x-upstream", "up");
    client
        .get()
        .uri("/response/503")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("x-outcome", "upstream-error");
  }

  private WebTestClient.ResponseSpec chat(String path, String body, String... header) {
    return client
        .post()
        .uri("/llm" + path)
        .headers(
            h -> {
              for (int i = 0; i < header.length; i += 2) {
                h.set(header[i], header[i + 1]);
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private static String completion(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  @Test
  void llmAllowRuleSeesTheModelOfTheParsedBody() {
    chat("/v1/chat/completions", completion("gpt-4o-mini", false))
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("x-llm-provider", "openai")
        .expectHeader()
        .valueEquals("x-llm-model", "gpt-4o-mini");
    assertThat(OPENAI.received()).hasSize(1);
    // Another model: no allow rule holds; refused in OpenAI's format before the provider is called.
    chat("/v1/chat/completions", completion("gpt-4o", false))
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("permission_error")
        .jsonPath("$.error.code")
        .isEqualTo("forbidden");
    // The early allow rule (a request header) allows it; rules of both phases make one policy.
    chat("/v1/chat/completions", completion("gpt-4o", false), "x-admin", "yes")
        .expectStatus()
        .isOk();
    assertThat(OPENAI.received()).hasSize(2);
  }

  @Test
  void llmDenyRuleWinsAndAnswersInTheClientsFormat() {
    // Denied even for an admin: deny wins over the early allow.
    chat("/v1/chat/completions", completion("o3-mini", false), "x-admin", "yes")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.type")
        .isEqualTo("permission_error");
    chat("/v1/chat/completions", completion("gpt-4o-mini", true)).expectStatus().isForbidden();
    // An Anthropic client gets Anthropic's error body.
    String messages =
        "{\"model\":\"o3-mini\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    chat("/v1/messages", messages, "x-admin", "yes")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("error")
        .jsonPath("$.error.type")
        .isEqualTo("permission_error");
    // The model list names no model: the llm allow rule cannot hold, only the early one.
    client.get().uri("/llm/v1/models").exchange().expectStatus().isForbidden();
    client
        .get()
        .uri("/llm/v1/models")
        .header("x-admin", "yes")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.object")
        .isEqualTo("list");
    assertThat(OPENAI.received()).isEmpty();
  }

  /** The status of a GET sent from {@code localPort} over a plain socket. */
  private static int statusFrom(int localPort, String path) throws Exception {
    try (Socket socket = new Socket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", localPort));
      socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5_000);
      socket.setSoTimeout(20_000);
      String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
