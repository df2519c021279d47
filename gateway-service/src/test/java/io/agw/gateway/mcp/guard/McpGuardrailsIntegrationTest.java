package io.agw.gateway.mcp.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code mcpGuardrails} through the gateway in front of real MCP servers: server-everything over
 * stdio (with an e-mail address in its environment, so a result carries one the client never sent)
 * and over SSE, and the second server over Streamable HTTP, all three federated on one backend. The
 * MCP Java SDK client (Streamable HTTP and HTTP+SSE) and raw HTTP requests see what a user would:
 * tool arguments masked before a target echoes them, results masked before they arrive, JSON-RPC
 * errors for rejections in JSON and as SSE, and methods chosen by pattern.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpGuardrailsIntegrationTest {

  static final McpPeers.Server EVERYTHING_SSE = McpPeers.startEverything("sse");
  static final McpPeers.Server SECOND_HTTP = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                McpGuardrailsIntegrationTest.class
                    .getResourceAsStream("/gateway/mcp-guardrails.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${EVERYTHING_JS}", McpPeers.everything("stdio").get(1))
            .replace("${EVERYTHING_SSE}", Integer.toString(EVERYTHING_SSE.port()))
            .replace("${SECOND_HTTP}", Integer.toString(SECOND_HTTP.port()));
    Path file = Files.createTempDirectory("agw-mcp-guardrails").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  @AfterAll
  static void stopServers() {
    EVERYTHING_SSE.close();
    SECOND_HTTP.close();
  }

  static McpSyncClient client(String path) {
    return connect(
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
            .endpoint(path)
            .build());
  }

  /** A client of the legacy HTTP+SSE transport on the route of {@code path}. */
  static McpSyncClient sseClient(String path) {
    return connect(
        HttpClientSseClientTransport.builder("http://127.0.0.1:" + PORT)
            .sseEndpoint(path + "/sse")
            .build());
  }

  private static McpSyncClient connect(McpClientTransport transport) {
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  static CallToolResult echo(McpSyncClient client, String tool, String message) {
    return client.callTool(new CallToolRequest(tool, Map.of("message", message)));
  }

  static void assertRejected(ThrowingCallable call, String why) {
    assertThatThrownBy(call)
        .isInstanceOf(McpError.class)
        .satisfies(
            e -> {
              McpSchema.JSONRPCResponse.JSONRPCError error = ((McpError) e).getJsonRpcError();
              assertThat(error.code()).isEqualTo(-32001);
              assertThat(error.message()).isEqualTo("Rejected by mcpGuardrails: " + why);
            });
  }

  @Test
  void argumentsAreMaskedBeforeTheyReachTargetsOfEveryTransport() {
    try (McpSyncClient client = client("/masked")) {
      // The route masks ticket numbers on the request only: what comes back is what each target
      // received.
      assertThat(text(echo(client, "everything_echo", "see TICKET-4711 now")))
          .isEqualTo("Echo: see <masked> now");
      assertThat(text(echo(client, "second_echo", "see TICKET-4711 now")))
          .isEqualTo("second echo: see <masked> now");
      assertThat(text(echo(client, "legacy_echo", "see TICKET-4711 now")))
          .isEqualTo("Echo: see <masked> now");
    }
  }

  @Test
  void resultsAreMaskedBeforeTheyReachTheClient() {
    try (McpSyncClient client = client("/masked")) {
      // The stdio server's environment holds an address the client never sent.
      String env = text(client.callTool(new CallToolRequest("everything_get-env", Map.of())));
      assertThat(env).contains("GUARDED_MAIL").contains("<EMAIL_ADDRESS>");
      assertThat(env).doesNotContain("ops@corp.example.com");

      // Text content and structured content of an SSE target, still a valid result.
      CallToolResult weather =
          client.callTool(
              new CallToolRequest("legacy_get-structured-content", Map.of("location", "New York")));
      assertThat(weather.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(text(weather)).contains("\"conditions\":\"<masked>\"").doesNotContain("Cloudy");
      assertThat(McpJson.object(weather.structuredContent()))
          .containsEntry("conditions", "<masked>")
          .containsEntry("temperature", 33);

      // A Streamable HTTP target's result; the address passed the request phase untouched.
      assertThat(text(echo(client, "second_echo", "mail john@example.com")))
          .isEqualTo("second echo: mail <EMAIL_ADDRESS>");
    }
  }

  @Test
  void statelessRoutesAreGuardedAlike() {
    try (McpSyncClient client = client("/stateless")) {
      assertThat(text(echo(client, "everything_echo", "TICKET-1"))).isEqualTo("Echo: <masked>");
      assertThat(text(echo(client, "second_echo", "TICKET-2 a@b.example.org")))
          .isEqualTo("second echo: <masked> <EMAIL_ADDRESS>");
      assertThat(text(client.callTool(new CallToolRequest("everything_get-env", Map.of()))))
          .doesNotContain("ops@corp.example.com");
    }
  }

  @Test
  void legacySseClientsAreGuardedAlike() {
    try (McpSyncClient client = sseClient("/masked")) {
      assertThat(text(echo(client, "second_echo", "TICKET-3 for x@y.example.com")))
          .isEqualTo("second echo: <masked> for <EMAIL_ADDRESS>");
    }
    try (McpSyncClient client = sseClient("/rejecting")) {
      assertRejected(
          () -> echo(client, "everything_echo", "ssn 123-45-6789"),
          "the request's arguments match a guarded pattern");
    }
  }

  @Test
  void rejectionsAreJsonRpcErrorsAndTheSessionGoesOn() {
    try (McpSyncClient client = client("/rejecting")) {
      assertRejected(
          () -> echo(client, "everything_echo", "my ssn is 123-45-6789"),
          "the request's arguments match a guarded pattern");
      assertRejected(
          () -> echo(client, "second_echo", "my ssn is 123 45 6789"),
          "the request's arguments match a guarded pattern");
      assertRejected(
          () ->
              client.callTool(
                  new CallToolRequest(
                      "legacy_get-structured-content", Map.of("location", "New York"))),
          "the result matches a guarded pattern");

      // Other calls on the same session pass.
      assertThat(text(echo(client, "everything_echo", "order 123-45-67890")))
          .isEqualTo("Echo: order 123-45-67890");
      CallToolResult chicago =
          client.callTool(
              new CallToolRequest("legacy_get-structured-content", Map.of("location", "Chicago")));
      assertThat(McpJson.object(chicago.structuredContent()))
          .containsEntry("conditions", "Light rain / drizzle");
    }
  }

  @Test
  void methodPatternsChooseWhatEachProcessorSees() {
    try (McpSyncClient client = client("/rejecting")) {
      // "*": full but "tools/*": off: tool calls are left alone, prompts are masked.
      assertThat(text(echo(client, "everything_echo", "john@example.com")))
          .isEqualTo("Echo: john@example.com");
      assertThat(
              client
                  .getPrompt(
                      new GetPromptRequest("second_greeting", Map.of("who", "john@example.com")))
                  .messages()
                  .get(0)
                  .content())
          .isEqualTo(new TextContent("Hello <EMAIL_ADDRESS>"));
      // Lists are not guarded content: every tool is listed, descriptions unchanged.
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("everything_echo", "second_echo", "legacy_get-structured-content");
    }
  }

  @Test
  void rawClientsGetTheRejectionAsJsonOrAsAnEventStream() throws Exception {
    String session =
        post("/rejecting", null, "application/json, text/event-stream", initialize())
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    Map<String, Object> call =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            7,
            "method",
            "tools/call",
            "params",
            Map.of("name", "second_echo", "arguments", Map.of("message", "123-45-6789")));

    HttpResponse<String> json =
        post("/rejecting", session, "application/json, text/event-stream", call);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    Map<String, Object> body = McpJson.object(McpJson.MAPPER.readValue(json.body(), Map.class));
    assertThat(body).containsEntry("id", 7).doesNotContainKey("result");
    assertThat(McpJson.object(body.get("error")))
        .containsEntry("code", -32001)
        .containsEntry(
            "message",
            "Rejected by mcpGuardrails: the request's arguments match a guarded pattern");
    assertThat(json.body()).doesNotContain("6789");

    HttpResponse<String> sse =
        post("/rejecting", session, "text/event-stream, application/json", call);
    assertThat(sse.statusCode()).isEqualTo(200);
    assertThat(sse.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    assertThat(sse.body())
        .contains("\"id\":7")
        .contains("\"code\":-32001")
        .doesNotContain("6789")
        .doesNotContain("\"result\"");
  }

  @Test
  void everyDecisionIsCountedAndLoggedWithoutTheMatchedText() throws Exception {
    ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    accessLog.start();
    Logger logger = (Logger) LoggerFactory.getLogger("agw.access");
    logger.addAppender(accessLog);
    try {
      double requestMasked = decisions("request", "mask");
      double responseMasked = decisions("response", "mask");
      double requestAllowed = decisions("request", "allow");
      double requestRejected = decisions("request", "reject");
      double responseRejected = decisions("response", "reject");

      // Streamable HTTP, /masked: the ticket is masked on the request, the address on the answer.
      String masked = session("/masked");
      HttpResponse<String> echoed =
          post(
              "/masked",
              masked,
              "application/json, text/event-stream",
              echoCall(1, "TICKET-77 z@q.example.com"));
      assertThat(echoed.body()).contains("second echo: <masked> <EMAIL_ADDRESS>");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(decisions("response", "mask")).isEqualTo(responseMasked + 1));
      assertThat(decisions("request", "mask")).isEqualTo(requestMasked + 1);
      assertThat(accessLine(accessLog, "/masked"))
          .contains(
              "\"guardrails\":[{\"guard\":\"mcp.regex\",\"phase\":\"request\",\"action\":\"mask\"},"
                  + "{\"guard\":\"mcp.regex\",\"phase\":\"response\",\"action\":\"mask\"}]")
          .doesNotContain("TICKET-77", "q.example.com");

      // /rejecting: an SSN refused on the request phase, as an event stream this time.
      String rejecting = session("/rejecting");
      HttpResponse<String> refused =
          post(
              "/rejecting",
              rejecting,
              "text/event-stream, application/json",
              echoCall(2, "ssn 123-45-6789"));
      assertThat(refused.body()).contains("\"code\":-32001");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(decisions("request", "reject")).isEqualTo(requestRejected + 1));
      assertThat(accessLine(accessLog, "/rejecting"))
          .contains(
              "\"guardrails\":[{\"guard\":\"mcp.regex\",\"phase\":\"request\",\"action\":\"reject\"}]")
          .doesNotContain("6789");

      // The request passes the SSN processor, the weather in the answer is refused.
      HttpResponse<String> weather =
          post(
              "/rejecting",
              rejecting,
              "application/json, text/event-stream",
              Map.of(
                  "jsonrpc",
                  "2.0",
                  "id",
                  3,
                  "method",
                  "tools/call",
                  "params",
                  Map.of(
                      "name",
                      "legacy_get-structured-content",
                      "arguments",
                      Map.of("location", "New York"))));
      assertThat(weather.body()).contains("\"code\":-32001");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(decisions("response", "reject")).isEqualTo(responseRejected + 1));
      assertThat(decisions("request", "allow")).isGreaterThanOrEqualTo(requestAllowed + 1);
      assertThat(accessLine(accessLog, "/rejecting"))
          .contains(
              "{\"guard\":\"mcp.regex\",\"phase\":\"request\",\"action\":\"allow\"},"
                  + "{\"guard\":\"mcp.regex\",\"phase\":\"response\",\"action\":\"reject\"}]")
          .doesNotContain("Cloudy");

      // Legacy HTTP+SSE: the request phase runs before the POST is answered with 202.
      double legacyRejected = decisions("request", "reject");
      try (McpSyncClient client = sseClient("/rejecting")) {
        assertRejected(
            () -> echo(client, "everything_echo", "ssn 123-45-6789"),
            "the request's arguments match a guarded pattern");
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(decisions("request", "reject")).isEqualTo(legacyRejected + 1));
    } finally {
      logger.detachAppender(accessLog);
    }
  }

  private double decisions(String phase, String action) {
    Counter c =
        meters
            .find("agw.guardrail.decisions")
            .tags("guard", "mcp.regex", "phase", phase, "action", action)
            .counter();
    return c == null ? 0 : c.count();
  }

  /** The newest access log line of a guarded request to {@code path}. */
  private static String accessLine(ListAppender<ILoggingEvent> log, String path) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                List.copyOf(log.list).stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains("\"path\":\"" + path + "\""))
                    .filter(l -> l.contains("\"guardrails\""))
                    .reduce((first, second) -> second)
                    .orElse(null),
            l -> l != null);
  }

  static String session(String path) throws Exception {
    return post(path, null, "application/json, text/event-stream", initialize())
        .headers()
        .firstValue("Mcp-Session-Id")
        .orElseThrow();
  }

  static Map<String, Object> echoCall(int id, String message) {
    return Map.of(
        "jsonrpc",
        "2.0",
        "id",
        id,
        "method",
        "tools/call",
        "params",
        Map.of("name", "second_echo", "arguments", Map.of("message", message)));
  }

  static Map<String, Object> initialize() {
    return Map.of(
        "jsonrpc",
        "2.0",
        "id",
        0,
        "method",
        "initialize",
        "params",
        Map.of(
            "protocolVersion", "2025-06-18",
            "capabilities", Map.of(),
            "clientInfo", Map.of("name", "raw", "version", "1")));
  }

  static HttpResponse<String> post(
      String path, String session, String accept, Map<String, Object> message) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(McpJson.write(message)));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
