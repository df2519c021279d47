package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.support.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed and fuzzed bodies sent to every LLM front door (to an OpenAI, Anthropic, Gemini and
 * Bedrock provider) and to an MCP route of the gateway in-process: each is refused with a 4xx whose
 * body is in the client's own API format (OpenAI error, Anthropic error, JSON-RPC error), never a
 * 500, and never with a stack trace or a Java class name in it. The corpus is the classics
 * (truncated JSON, 100k nested brackets, huge numbers, invalid UTF-8, wrong types) plus what the
 * fuzz tests found. No upstream is called: the providers and the MCP target are dead ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedBodyIntegrationTest {

  static final int PORT = FreePorts.next();
  static final int DEAD = FreePorts.next();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String dead = "127.0.0.1:" + DEAD;
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - name: main
                routes:
                  - name: openai
                    matches: [{path: {pathPrefix: /openai}}]
                    backends:
                      - ai:
                          name: openai
                          provider: {openAI: {}}
                          hostOverride: %s
                          policies: {backendAuth: {key: sk-malformed-openai}}
                  - name: anthropic
                    matches: [{path: {pathPrefix: /anthropic}}]
                    backends:
                      - ai:
                          name: anthropic
                          provider: {anthropic: {}}
                          hostOverride: %s
                          policies: {backendAuth: {key: sk-malformed-anthropic}}
                  - name: gemini
                    matches: [{path: {pathPrefix: /gemini}}]
                    backends:
                      - ai:
                          name: gemini
                          provider: {gemini: {}}
                          hostOverride: %s
                          policies: {backendAuth: {key: malformed-gemini}}
                  - name: bedrock
                    matches: [{path: {pathPrefix: /bedrock}}]
                    backends:
                      - ai:
                          name: bedrock
                          provider: {bedrock: {region: us-east-1}}
                          hostOverride: %s
                          policies:
                            backendAuth:
                              aws: {accessKeyId: AKIDMALFORMED, secretAccessKey: malformed-secret}
                  - name: mcp
                    matches: [{path: {pathPrefix: /mcp}}]
                    backends:
                      - mcp:
                          targets:
                            - name: dead
                              mcp: {host: "%s"}
        """
            .formatted(PORT, dead, dead, dead, dead, dead);
    Path file = Files.createTempDirectory("agw-malformed").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  /** A body with a name for the report. */
  record Body(String name, byte[] bytes) {
    static Body of(String name, String text) {
      return new Body(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Body> malformed() {
    List<Body> bodies = new ArrayList<>();
    bodies.add(Body.of("empty", ""));
    bodies.add(Body.of("truncated object", "{"));
    bodies.add(
        Body.of(
            "truncated message",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\""));
    bodies.add(Body.of("100k [", "[".repeat(100_000)));
    bodies.add(
        Body.of("100k [ in a field", "{\"model\":\"m\",\"messages\":" + "[".repeat(100_000)));
    bodies.add(Body.of("100k { in a field", "{\"model\":\"m\",\"x\":" + "{\"a\":".repeat(100_000)));
    bodies.add(
        Body.of("huge integer", "{\"model\":\"m\",\"max_tokens\":" + "9".repeat(5_000) + "}"));
    bodies.add(
        Body.of("huge exponent", "{\"model\":\"m\",\"temperature\":1e" + "9".repeat(200) + "}"));
    byte[] invalidUtf8 = "{\"model\":\"\u0000\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    invalidUtf8[10] = (byte) 0xFF;
    bodies.add(new Body("invalid UTF-8", invalidUtf8));
    bodies.add(Body.of("null", "null"));
    bodies.add(Body.of("number", "42"));
    bodies.add(Body.of("string", "\"text\""));
    bodies.add(Body.of("array", "[{\"model\":\"m\"}]"));
    bodies.add(Body.of("trailing garbage", "{\"model\":\"m\",\"messages\":[]} }"));
    bodies.add(Body.of("model is an object", "{\"model\":{\"a\":1},\"messages\":[]}"));
    return bodies;
  }

  /** Valid JSON objects whose fields have the wrong types; refused by the translating mappers. */
  static List<Body> wrongTypes() {
    String hi = "[{\"role\":\"user\",\"content\":\"hi\"}]";
    return List.of(
        Body.of("messages is an object", "{\"model\":\"m\",\"messages\":{\"role\":\"user\"}}"),
        Body.of("messages hold scalars", "{\"model\":\"m\",\"messages\":[1,\"x\",true]}"),
        Body.of(
            "content is a number",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":7}]}"),
        Body.of(
            "content parts are scalars",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[1,[2]]}]}"),
        Body.of(
            "max_tokens is text",
            "{\"model\":\"m\",\"max_tokens\":\"ten\",\"messages\":" + hi + "}"),
        Body.of(
            "temperature is a list",
            "{\"model\":\"m\",\"temperature\":[1],\"messages\":" + hi + "}"),
        Body.of("tools is a string", "{\"model\":\"m\",\"tools\":\"all\",\"messages\":" + hi + "}"),
        Body.of(
            "tools hold scalars", "{\"model\":\"m\",\"tools\":[1,null],\"messages\":" + hi + "}"),
        Body.of(
            "stop is an object",
            "{\"model\":\"m\",\"stop\":{\"a\":1},\"stop_sequences\":{\"a\":1},\"messages\":"
                + hi
                + "}"));
  }

  static Stream<Arguments> llmCases() {
    List<Arguments> cases = new ArrayList<>();
    for (String provider : List.of("openai", "anthropic", "gemini", "bedrock")) {
      for (String door : List.of("/v1/chat/completions", "/v1/messages", "/v1/responses")) {
        for (Body body : malformed()) {
          cases.add(Arguments.of("/" + provider + door, body));
        }
      }
    }
    // Through a translation the body is read into typed records, so wrong types are refused.
    for (String path :
        List.of(
            "/anthropic/v1/chat/completions",
            "/gemini/v1/chat/completions",
            "/bedrock/v1/chat/completions",
            "/openai/v1/messages",
            "/gemini/v1/messages",
            "/bedrock/v1/messages")) {
      for (Body body : wrongTypes()) {
        cases.add(Arguments.of(path, body));
      }
    }
    // Found by TranslationRequestFuzzTest: Converse needs a role to alternate turns; this was a
    // NullPointerException (a 500) towards Bedrock.
    Body roleless =
        Body.of(
            "a message without a role",
            "{\"model\":\"m\",\"max_tokens\":10,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"},{\"content\":\"again\"}]}");
    cases.add(Arguments.of("/bedrock/v1/messages", roleless));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("llmCases")
  void llmFrontDoorsRefuseInTheClientsFormat(String path, Body body) throws Exception {
    HttpResponse<String> response = post(path, body);

    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    assertNoInternals(response.body());
    JsonNode error = WireJson.tree(response.body());
    if (path.endsWith("/v1/messages")) {
      assertThat(error.path("type").asString()).as(response.body()).isEqualTo("error");
      assertThat(error.path("error").path("type").asString()).isNotBlank();
    } else {
      assertThat(error.path("error").path("message").asString()).as(response.body()).isNotBlank();
      assertThat(error.path("error").path("type").asString()).isNotBlank();
    }
  }

  static Stream<Body> mcpCases() {
    List<Body> bodies = new ArrayList<>(malformed());
    bodies.add(Body.of("batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"));
    bodies.add(Body.of("no method", "{\"jsonrpc\":\"2.0\",\"id\":1}"));
    bodies.add(Body.of("method is a list", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":[\"ping\"]}"));
    bodies.add(
        Body.of(
            "params is a string",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":\"x\"}"));
    bodies.add(
        Body.of("id is an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}"));
    return bodies.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mcpCases")
  void mcpRefusesWithAJsonRpcError(Body body) throws Exception {
    HttpResponse<String> response = post("/mcp", body);

    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    assertNoInternals(response.body());
    JsonNode error = WireJson.tree(response.body());
    assertThat(error.path("jsonrpc").asString()).as(response.body()).isEqualTo("2.0");
    assertThat(error.path("error").path("code").isInt()).as(response.body()).isTrue();
  }

  /** Found by {@code McpJsonFuzzTest}: an initialize without a protocolVersion string was a 500. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("initializeWithoutVersion")
  void mcpInitializeWithoutAProtocolVersionIsAnswered(String body) throws Exception {
    HttpResponse<String> response = post("/mcp", Body.of("initialize", body));

    assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
    assertNoInternals(response.body());
    String json =
        response
            .body()
            .lines()
            .filter(l -> l.startsWith("data:"))
            .findFirst()
            .map(l -> l.substring(5))
            .orElse(response.body());
    assertThat(WireJson.tree(json).path("jsonrpc").asString()).as(response.body()).isEqualTo("2.0");
  }

  static Stream<String> initializeWithoutVersion() {
    return Stream.of(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":7}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":[1],\"clientInfo\":\"c\"}}");
  }

  private static HttpResponse<String> post(String path, Body body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertNoInternals(String body) {
    assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("tools.jackson")
        .doesNotContain("io.agw")
        .doesNotContain("\tat ")
        .doesNotContain("malformed-secret")
        .doesNotContain("sk-malformed");
  }
}
