package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.session.ClientSessions;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.agw.gateway.support.NodeScripts;
import io.agw.gateway.support.TestJwks;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as one MCP server in front of real MCP servers from npm: server-everything over
 * stdio, Streamable HTTP and SSE, and a second server (stdio and Streamable HTTP) whose {@code
 * echo} tool has the same name, so that federation and routing by prefix are real. Clients: the MCP
 * Java SDK client and raw Streamable HTTP requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpGatewayIntegrationTest {

  static final McpPeers.Server EVERYTHING_HTTP = McpPeers.startEverything("streamableHttp");
  static final McpPeers.Server EVERYTHING_SSE = McpPeers.startEverything("sse");
  static final McpPeers.Server SECOND_HTTP = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();
  static final int DEAD = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final TestJwks JWKS = newJwks();

  static TestJwks newJwks() {
    try {
      return new TestJwks();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired MeterRegistry meters;
  @Autowired ClientSessions clientSessions;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String yaml =
        new String(
                McpGatewayIntegrationTest.class
                    .getResourceAsStream("/gateway/mcp.yaml")
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${EVERYTHING_JS}", McpPeers.everything("stdio").get(1))
            .replace("${SECOND_JS}", McpPeers.second().get(1))
            .replace("${EVERYTHING_HTTP}", Integer.toString(EVERYTHING_HTTP.port()))
            .replace("${EVERYTHING_SSE}", Integer.toString(EVERYTHING_SSE.port()))
            .replace("${SECOND_HTTP}", Integer.toString(SECOND_HTTP.port()))
            .replace("${DEAD}", Integer.toString(DEAD))
            .replace("${JWKS}", JWKS.url());
    Path file = Files.createTempDirectory("agw-mcp").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    String ca =
        Path.of(McpGatewayIntegrationTest.class.getResource("/tls/ca.pem").toURI()).toString();
    registry.add("agw.security.jwks-ca-file", () -> ca);
    registry.add("agw.mcp.session-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
  }

  @AfterAll
  static void stopServers() {
    EVERYTHING_HTTP.close();
    EVERYTHING_SSE.close();
    SECOND_HTTP.close();
    JWKS.close();
  }

  static McpSyncClient client(String path) {
    return client(path, null);
  }

  static McpSyncClient client(String path, String bearer) {
    var transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT).endpoint(path);
    if (bearer != null) {
      transport.httpRequestCustomizer(
          (request, method, uri, body, context) ->
              request.header("Authorization", "Bearer " + bearer));
    }
    McpSyncClient client =
        McpClient.sync(transport.build())
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  @Test
  void federatesToolsPromptsAndResourcesOfTwoStdioServers() {
    try (McpSyncClient client = client("/mcp")) {
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertThat(tools)
          .contains("everything_echo", "everything_get-sum", "second_echo", "second_pid")
          .allMatch(n -> n.startsWith("everything_") || n.startsWith("second_"));
      assertThat(client.listPrompts().prompts())
          .extracting(McpSchema.Prompt::name)
          .contains("second_greeting");
      assertThat(client.listResources().resources())
          .extracting(McpSchema.Resource::uri)
          .contains("second+second://info");

      assertThat(
              text(
                  client.callTool(new CallToolRequest("everything_echo", Map.of("message", "hi")))))
          .isEqualTo("Echo: hi");
      assertThat(text(client.callTool(new CallToolRequest("second_echo", Map.of("message", "hi")))))
          .isEqualTo("second echo: hi");
      assertThat(
              text(
                  client.callTool(
                      new CallToolRequest("everything_get-sum", Map.of("a", 2, "b", 3)))))
          .contains("5");
      assertThat(
              client
                  .getPrompt(new GetPromptRequest("second_greeting", Map.of("who", "Ada")))
                  .messages()
                  .get(0)
                  .content())
          .isEqualTo(new TextContent("Hello Ada"));
      var contents =
          client.readResource(new ReadResourceRequest("second+second://info")).contents();
      assertThat(contents).hasSize(1);
      assertThat(((TextResourceContents) contents.get(0)).uri()).isEqualTo("second+second://info");
      assertThat(((TextResourceContents) contents.get(0)).text()).isEqualTo("second server info");

      assertThatThrownBy(() -> client.callTool(new CallToolRequest("third_echo", Map.of())))
          .hasMessageContaining("Unknown tool: third_echo");
      assertThatThrownBy(() -> client.callTool(new CallToolRequest("echo", Map.of())))
          .hasMessageContaining("Unknown tool: echo");
    }
  }

  @Test
  void singleStreamableHttpTargetIsUnprefixed() {
    try (McpSyncClient client = client("/single")) {
      assertThat(client.getServerInfo().name()).isEqualTo("agw");
      assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("echo");
      assertThat(text(client.callTool(new CallToolRequest("echo", Map.of("message", "one")))))
          .isEqualTo("Echo: one");
    }
  }

  @Test
  void sseTargetIsServed() {
    try (McpSyncClient client = client("/sse")) {
      assertThat(text(client.callTool(new CallToolRequest("echo", Map.of("message", "legacy")))))
          .isEqualTo("Echo: legacy");
    }
  }

  @Test
  void aMessageThatIsNotUtf8IsAParseError() throws Exception {
    byte[] valid =
        McpJson.write(
                Map.of(
                    "jsonrpc",
                    "2.0",
                    "id",
                    8,
                    "method",
                    "tools/call",
                    "params",
                    Map.of("name", "second_echo", "arguments", Map.of("message", "a#b"))))
            .getBytes(StandardCharsets.UTF_8);
    byte[] broken = valid.clone();
    // 0xFF never occurs in UTF-8; a lenient decoder would forward U+FFFD instead.
    broken[new String(valid, StandardCharsets.UTF_8).indexOf('#')] = (byte) 0xFF;
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/stateless"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(broken))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("-32700").contains("UTF-8");
  }

  @Test
  void statelessModeServesRequestsWithoutSession() throws Exception {
    HttpResponse<String> list =
        post("/stateless", null, Map.of("jsonrpc", "2.0", "id", 7, "method", "tools/list"));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(list.body()).contains("\"everything_echo\"", "\"second_echo\"", "\"id\":7");

    try (McpSyncClient client = client("/stateless")) {
      assertThat(text(client.callTool(new CallToolRequest("second_echo", Map.of("message", "x")))))
          .isEqualTo("second echo: x");
    }
  }

  @Test
  void sessionsAreCheckedAndVersionsNegotiated() throws Exception {
    HttpResponse<String> init = post("/mcp", null, initialize("2025-03-26"));
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.body()).contains("\"protocolVersion\":\"2025-03-26\"");
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(session).startsWith("s1.").doesNotContain("2025");

    assertThat(post("/mcp", null, initialize("1999-01-01")).body())
        .contains("\"protocolVersion\":\"2025-11-25\"");

    Map<String, Object> list = Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/list");
    assertThat(post("/mcp", null, list).statusCode()).isEqualTo(400);
    assertThat(post("/mcp", "s1.forged", list).statusCode()).isEqualTo(404);
    assertThat(post("/mcp", session.substring(0, session.length() - 2) + "xx", list).statusCode())
        .isEqualTo(404);
    assertThat(post("/mcp", session, list).body()).contains("\"second_pid\"");

    HttpResponse<String> notification =
        post("/mcp", session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
    assertThat(notification.statusCode()).isEqualTo(202);

    HttpResponse<String> delete =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/mcp"))
                .header("Mcp-Session-Id", session)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(204);

    // The replica that ended the session refuses its id from then on.
    HttpResponse<String> deleted =
        post("/mcp", session, Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/list"));
    assertThat(deleted.statusCode()).isEqualTo(404);

    String other =
        post("/mcp", null, initialize("2025-06-18"))
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    HttpResponse<String> unknown =
        post("/mcp", other, Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/unknown"));
    assertThat(unknown.body()).contains("\"code\":-32601");
  }

  @Test
  void progressNotificationsAreRelayedWithTheClientsToken() throws Exception {
    String session =
        post("/mcp", null, initialize("2025-06-18"))
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    Map<String, Object> call =
        Map.of(
            "jsonrpc", "2.0",
            "id", "call-1",
            "method", "tools/call",
            "params",
                Map.of(
                    "name", "everything_trigger-long-running-operation",
                    "arguments", Map.of("duration", 1, "steps", 2),
                    "_meta", Map.of("progressToken", "my-token")));
    HttpResponse<String> response = post("/mcp", session, call);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    String body = response.body();
    assertThat(body).contains("notifications/progress", "\"progressToken\":\"my-token\"");
    assertThat(body).doesNotContain("agw-p-");
    assertThat(body.indexOf("notifications/progress"))
        .isLessThan(body.indexOf("\"id\":\"call-1\""));
    assertThat(body).contains("Long running operation completed");
  }

  @Test
  void authorizationHidesAndRefusesWhatNoRuleAllows() {
    try (McpSyncClient client = client("/rbac")) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("everything_echo", "second_echo");
      assertThat(client.listPrompts().prompts())
          .extracting(McpSchema.Prompt::name)
          .containsExactly("second_greeting");
      assertThat(client.listResources().resources()).isEmpty();
      assertThat(text(client.callTool(new CallToolRequest("second_echo", Map.of("message", "ok")))))
          .isEqualTo("second echo: ok");
      assertThatThrownBy(() -> client.callTool(new CallToolRequest("second_pid", Map.of())))
          .hasMessageContaining("Unknown tool: second_pid");
    }
  }

  @Test
  void stdioServerIsRestartedWhenItExits() throws Exception {
    try (McpSyncClient client = client("/mcp")) {
      long pid = Long.parseLong(text(client.callTool(new CallToolRequest("second_pid", Map.of()))));
      ProcessHandle.of(pid).orElseThrow().destroy();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Long restarted = null;
      while (restarted == null && System.nanoTime() < deadline) {
        try {
          long now =
              Long.parseLong(text(client.callTool(new CallToolRequest("second_pid", Map.of()))));
          if (now != pid) {
            restarted = now;
          }
        } catch (RuntimeException stillRestarting) {
          Thread.sleep(200);
        }
      }
      assertThat(restarted).isNotNull();
      assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive)).contains(true);
    }
  }

  @Test
  void failOpenServesTheTargetsThatAnswerAndFailClosedRefuses() throws Exception {
    try (McpSyncClient client = client("/open")) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("second_echo")
          .noneMatch(n -> n.startsWith("dead_"));
    }
    HttpResponse<String> closed = post("/closed", null, initialize("2025-06-18"));
    assertThat(closed.body()).contains("\"error\"", "MCP target dead is unavailable");
    assertThat(closed.headers().firstValue("Mcp-Session-Id")).isEmpty();
  }

  @Test
  void toolCallsAreInTheAccessLogAndMetrics() throws Exception {
    ListAppender<ILoggingEvent> access = new ListAppender<>();
    access.start();
    Logger logger = (Logger) LoggerFactory.getLogger("agw.access");
    logger.addAppender(access);
    try (McpSyncClient client = client("/mcp")) {
      client.callTool(new CallToolRequest("second_echo", Map.of("message", "logged")));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(access.list)
                      .extracting(ILoggingEvent::getFormattedMessage)
                      .anySatisfy(
                          line ->
                              assertThat(line)
                                  .contains(
                                      "\"mcp.method\":\"tools/call\"",
                                      "\"mcp.name\":\"second_echo\"",
                                      "\"mcp.ok\":true")
                                  .doesNotContain("logged")));
    } finally {
      logger.detachAppender(access);
    }
    assertThat(
            meters
                .get("agw.mcp.requests")
                .tag("method", "tools/call")
                .tag("outcome", "ok")
                .timer()
                .count())
        .isPositive();
    assertThat(meters.get("agw.mcp.requests").tag("method", "initialize").timer().count())
        .isPositive();
  }

  @Test
  void typeScriptSdkClientListsAndCallsStatefulAndStateless() throws Exception {
    McpPeers.install();
    NodeScripts.Result stateful =
        NodeScripts.run(
            McpPeers.DIR,
            Duration.ofSeconds(90),
            List.of(
                "node",
                "client.mjs",
                "http://127.0.0.1:" + PORT + "/mcp",
                "second_echo",
                "{\"message\":\"from ts\"}"));
    assertThat(stateful.exitCode()).as(stateful.stderr()).isZero();
    Map<String, Object> seen =
        McpJson.object(McpJson.MAPPER.readValue(stateful.stdout(), Map.class));
    assertThat(seen.get("server")).isEqualTo("agw");
    assertThat((String) seen.get("sessionId")).startsWith("s1.");
    assertThat(McpJson.array(seen, "tools")).contains("everything_echo", "second_echo");
    assertThat(seen.get("text")).isEqualTo("second echo: from ts");
    assertThat((String) seen.get("unknown")).contains("Unknown tool: nobody_tool");

    NodeScripts.Result stateless =
        NodeScripts.run(
            McpPeers.DIR,
            Duration.ofSeconds(90),
            List.of(
                "node",
                "client.mjs",
                "http://127.0.0.1:" + PORT + "/stateless",
                "everything_echo",
                "{\"message\":\"no session\"}"));
    assertThat(stateless.exitCode()).as(stateless.stderr()).isZero();
    Map<String, Object> seen2 =
        McpJson.object(McpJson.MAPPER.readValue(stateless.stdout(), Map.class));
    assertThat(seen2.get("sessionId")).isNull();
    assertThat(seen2.get("text")).isEqualTo("Echo: no session");
  }

  @Test
  void legacySseClientsListCallAndAnswerSamplingRequests() {
    int sessionsBefore = clientSessions.size();
    AtomicInteger samplings = new AtomicInteger();
    McpSyncClient client =
        McpClient.sync(
                HttpClientSseClientTransport.builder("http://127.0.0.1:" + PORT)
                    .sseEndpoint("/mcp/sse")
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .capabilities(McpSchema.ClientCapabilities.builder().sampling().build())
            .sampling(
                request -> {
                  samplings.incrementAndGet();
                  return new McpSchema.CreateMessageResult(
                      McpSchema.Role.ASSISTANT,
                      new TextContent("sampled over legacy SSE"),
                      "legacy-model",
                      McpSchema.CreateMessageResult.StopReason.END_TURN);
                })
            .build();
    try (client) {
      assertThat(client.initialize().protocolVersion()).isEqualTo("2024-11-05");
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("everything_echo", "second_echo");
      assertThat(
              text(client.callTool(new CallToolRequest("second_echo", Map.of("message", "old")))))
          .isEqualTo("second echo: old");
      String sampled =
          text(
              client.callTool(
                  new CallToolRequest(
                      "everything_trigger-sampling-request",
                      Map.of("prompt", "hello", "maxTokens", 10))));
      assertThat(sampled).contains("sampled over legacy SSE");
      assertThat(samplings).hasValue(1);
      assertThat(clientSessions.size()).isEqualTo(sessionsBefore + 1);
    }
    // The stream closed with the client: its session (and upstream sessions) ended.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(clientSessions.size()).isEqualTo(sessionsBefore));
  }

  @Test
  void legacySseRefusesUnknownChannelsAndClientsThatDoNotAcceptAStream() throws Exception {
    HttpResponse<String> unknown =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + PORT + "/mcp/sse?sessionId=nobody"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Session not found");

    HttpResponse<String> json =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/mcp/sse"))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(406);
  }

  @Test
  void typeScriptLegacySseClientListsAndCalls() throws Exception {
    McpPeers.install();
    NodeScripts.Result run =
        NodeScripts.run(
            McpPeers.DIR,
            Duration.ofSeconds(90),
            List.of(
                "node",
                "client.mjs",
                "http://127.0.0.1:" + PORT + "/mcp/sse",
                "second_echo",
                "{\"message\":\"from legacy ts\"}"));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Map<String, Object> seen = McpJson.object(McpJson.MAPPER.readValue(run.stdout(), Map.class));
    assertThat(seen.get("server")).isEqualTo("agw");
    assertThat(McpJson.array(seen, "tools")).contains("everything_echo", "second_echo");
    assertThat(seen.get("text")).isEqualTo("second echo: from legacy ts");
    assertThat((String) seen.get("unknown")).contains("Unknown tool: nobody_tool");
  }

  @Test
  void callersSeeAndCallOnlyWhatTheirJwtAllows() throws Exception {
    String admin =
        JWKS.token(
            "https://issuer.test",
            "mcp",
            "alice",
            Instant.now().plusSeconds(300),
            Map.of("role", "admin"));
    String user =
        JWKS.token("https://issuer.test", "mcp", "bob", Instant.now().plusSeconds(300), Map.of());
    try (McpSyncClient client = client("/jwt", admin)) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("second_pid", "everything_echo");
    }
    try (McpSyncClient client = client("/jwt", user)) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("everything_echo", "second_echo");
      assertThatThrownBy(() -> client.callTool(new CallToolRequest("second_pid", Map.of())))
          .hasMessageContaining("Unknown tool: second_pid");
    }
    HttpResponse<String> anonymous = post("/jwt", null, initialize("2025-06-18"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void targetNotificationsReachTheGetStream() throws Exception {
    String session =
        post("/mcp", null, initialize("2025-06-18"))
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    var stream =
        HTTP.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/mcp"))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    Map<String, Object> toggle =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            1,
            "method",
            "tools/call",
            "params",
            Map.of("name", "everything_toggle-simulated-logging", "arguments", Map.of()));
    assertThat(post("/mcp", session, toggle).body()).contains("Started simulated");
    try {
      HttpResponse<java.util.stream.Stream<String>> response =
          stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      String event =
          java.util.concurrent.CompletableFuture.supplyAsync(
                  // server-everything may send other notifications (tools/list_changed) first.
                  () ->
                      response
                          .body()
                          .filter(l -> l.startsWith("data:"))
                          .filter(l -> l.contains("notifications/message"))
                          .findFirst()
                          .orElse(""))
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(event).contains("\"method\":\"notifications/message\"");
    } finally {
      post("/mcp", session, toggle);
      stream.cancel(true);
    }
  }

  static Map<String, Object> initialize(String version) {
    return Map.of(
        "jsonrpc",
        "2.0",
        "id",
        0,
        "method",
        "initialize",
        "params",
        Map.of(
            "protocolVersion", version,
            "capabilities", Map.of(),
            "clientInfo", Map.of("name", "raw", "version", "1")));
  }

  static HttpResponse<String> post(String path, String session, Map<String, Object> message)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(McpJson.write(message)));
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
