package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.agw.gateway.support.NodeScripts;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.Root;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Server-to-client requests and client sessions through the gateway, with real peers: the MCP Java
 * SDK client (sampling, elicitation and roots handlers) and the TypeScript SDK client, in front of
 * server-everything over stdio and Streamable HTTP and the second server over Streamable HTTP. A
 * second gateway (another Spring context with the same session key) plays another replica.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpRelayIntegrationTest {

  static final McpPeers.Server EVERYTHING_HTTP = McpPeers.startEverything("streamableHttp");
  static final McpPeers.Server SECOND_HTTP = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();
  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static ConfigurableApplicationContext replica;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path file = config(PORT);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("agw.mcp.session-key", () -> KEY);
  }

  static Path config(int port) throws Exception {
    String yaml =
        """
        backends:
          - name: second
            mcp:
              targets:
                - name: second
                  mcp: {host: "http://127.0.0.1:%2$d/mcp"}
        binds:
          - port: %1$d
            listeners:
              - routes:
                  - name: stdio
                    matches: [{path: {pathPrefix: /stdio}}]
                    backends:
                      - mcp:
                          targets:
                            - name: everything
                              stdio: {cmd: node, args: ["%3$s", "stdio"]}
                  - name: http
                    matches: [{path: {pathPrefix: /http}}]
                    backends:
                      - mcp:
                          targets:
                            - name: everything
                              mcp: {host: "http://127.0.0.1:%4$d/mcp"}
                  - name: second
                    matches: [{path: {pathPrefix: /second}}]
                    backends:
                      - backend: second
        """
            .formatted(
                port,
                SECOND_HTTP.port(),
                McpPeers.everything("stdio").get(1),
                EVERYTHING_HTTP.port());
    Path file = Files.createTempDirectory("agw-relay").resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @AfterAll
  static void stop() {
    if (replica != null) {
      replica.close();
    }
    EVERYTHING_HTTP.close();
    SECOND_HTTP.close();
  }

  /** A Java SDK client whose handlers answer with {@code answer} and count sampling requests. */
  static McpSyncClient client(String path, String answer, AtomicInteger samplings) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + PORT)
                    .endpoint(path)
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .capabilities(ClientCapabilities.builder().sampling().elicitation().roots(true).build())
            .roots(new Root("file:///agw/" + answer, "root of " + answer))
            .sampling(
                request -> {
                  samplings.incrementAndGet();
                  return new CreateMessageResult(
                      Role.ASSISTANT,
                      new TextContent("sampled by " + answer),
                      "test-model",
                      CreateMessageResult.StopReason.END_TURN);
                })
            .elicitation(
                request -> new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("name", answer)))
            .build();
    client.initialize();
    return client;
  }

  static String text(CallToolResult result) {
    return result.content().stream()
        .map(c -> ((TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/stdio", "/http"})
  void samplingElicitationAndRootsReachTheJavaClient(String path) {
    AtomicInteger samplings = new AtomicInteger();
    try (McpSyncClient client = client(path, "ada", samplings)) {
      // server-everything offers these tools only to clients that declared the capabilities.
      String sampled =
          text(
              client.callTool(
                  new CallToolRequest(
                      "trigger-sampling-request", Map.of("prompt", "hello", "maxTokens", 10))));
      assertThat(sampled).contains("sampled by ada");
      assertThat(samplings).hasValue(1);

      String elicited =
          text(client.callTool(new CallToolRequest("trigger-elicitation-request", Map.of())));
      assertThat(elicited).contains("- Name: ada");

      String roots = text(client.callTool(new CallToolRequest("get-roots-list", Map.of())));
      assertThat(roots).contains("file:///agw/ada");
    }
  }

  @Test
  void eachClientsSamplingRequestReachesItsOwnSession() throws Exception {
    AtomicInteger alphaCount = new AtomicInteger();
    AtomicInteger betaCount = new AtomicInteger();
    try (McpSyncClient alpha = client("/http", "alpha", alphaCount);
        McpSyncClient beta = client("/http", "beta", betaCount)) {
      CompletableFuture<String> a =
          CompletableFuture.supplyAsync(
              () ->
                  text(
                      alpha.callTool(
                          new CallToolRequest("trigger-sampling-request", Map.of("prompt", "a")))));
      CompletableFuture<String> b =
          CompletableFuture.supplyAsync(
              () ->
                  text(
                      beta.callTool(
                          new CallToolRequest("trigger-sampling-request", Map.of("prompt", "b")))));
      assertThat(a.get(60, TimeUnit.SECONDS)).contains("sampled by alpha").doesNotContain("beta");
      assertThat(b.get(60, TimeUnit.SECONDS)).contains("sampled by beta").doesNotContain("alpha");
      assertThat(alphaCount).hasValue(1);
      assertThat(betaCount).hasValue(1);
    }
  }

  @Test
  void typeScriptClientAnswersASamplingRequest() throws Exception {
    McpPeers.install();
    NodeScripts.Result run =
        NodeScripts.run(
            McpPeers.DIR,
            Duration.ofSeconds(90),
            List.of(
                "node",
                "client.mjs",
                "http://127.0.0.1:" + PORT + "/stdio",
                "trigger-sampling-request",
                "{\"prompt\":\"from ts\"}",
                "sampling"));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    Map<String, Object> seen = McpJson.object(McpJson.MAPPER.readValue(run.stdout(), Map.class));
    assertThat((String) seen.get("text")).contains("ts sampled:", "from ts");
    assertThat(seen.get("samplingRequests")).isEqualTo(1);
  }

  @Test
  void anotherReplicaServesTheSessionOnTheSameUpstreamSession() throws Exception {
    int replicaPort = FreePorts.next();
    replica =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0",
                "--agw.config.file=" + config(replicaPort),
                "--agw.bind-address=127.0.0.1",
                "--agw.mcp.session-key=" + KEY);
    // The bind ports open once the configuration is applied, after the context has started.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try (java.net.Socket s = new java.net.Socket("127.0.0.1", replicaPort)) {
                return true;
              }
            });

    HttpResponse<String> init = post(PORT, null, initialize());
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    Map<String, Object> here = sessionSeen(PORT, session);
    Map<String, Object> there = sessionSeen(replicaPort, session);

    assertThat(here.get("session")).isNotNull();
    assertThat(there.get("session")).isEqualTo(here.get("session"));
    assertThat(there.get("initializations")).isEqualTo(here.get("initializations"));

    // A stdio target is initialized anew on the replica, with the capabilities the id carries:
    // server-everything offers its sampling tool only to clients that declared sampling.
    String sampling =
        post(PORT, "/stdio", "application/json", null, initialize(Map.of("sampling", Map.of())))
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    Map<String, Object> tools = Map.of("jsonrpc", "2.0", "id", 4, "method", "tools/list");
    assertThat(post(replicaPort, "/stdio", "application/json", sampling, tools).body())
        .contains("\"trigger-sampling-request\"");

    // A forged id is refused by both.
    Map<String, Object> list = Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/list");
    assertThat(
            post(replicaPort, session.substring(0, session.length() - 3) + "abc", list)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aServerRequestForAClientWithoutAStreamIsRefusedToTheServer() throws Exception {
    String session =
        post(PORT, "/stdio", "application/json", null, initialize(Map.of("sampling", Map.of())))
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    Map<String, Object> call =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            5,
            "method",
            "tools/call",
            "params",
            Map.of("name", "trigger-sampling-request", "arguments", Map.of("prompt", "x")));
    // The client accepts only JSON and has no GET stream: the gateway answers the server's
    // sampling request with an error, and the tool's answer says so.
    HttpResponse<String> response = post(PORT, "/stdio", "application/json", session, call);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.body()).contains("cannot be relayed").contains("\"id\":5");
  }

  @Test
  void aClientCancellationEndsItsRequest() throws Exception {
    String accept = "application/json, text/event-stream";
    String session =
        post(PORT, "/stdio", accept, null, initialize())
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow();
    Map<String, Object> call =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            "long-1",
            "method",
            "tools/call",
            "params",
            Map.of(
                "name",
                "trigger-long-running-operation",
                "arguments",
                Map.of("duration", 30, "steps", 30),
                "_meta",
                Map.of("progressToken", "p")));
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post(PORT, "/stdio", accept, session, call);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(2000);
    Map<String, Object> cancel =
        Map.of(
            "jsonrpc",
            "2.0",
            "method",
            "notifications/cancelled",
            "params",
            Map.of("requestId", "long-1", "reason", "changed my mind"));
    assertThat(post(PORT, "/stdio", accept, session, cancel).statusCode()).isEqualTo(202);

    HttpResponse<String> ended = running.get(20, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    // The stream carried progress, then ended without a response (none is sent once cancelled).
    assertThat(ended.body()).contains("notifications/progress").doesNotContain("\"result\"");
  }

  /** What the second server's {@code session} tool says through the gateway at {@code port}. */
  static Map<String, Object> sessionSeen(int port, String session) throws Exception {
    Map<String, Object> call =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            2,
            "method",
            "tools/call",
            "params",
            Map.of("name", "session", "arguments", Map.of()));
    HttpResponse<String> response = post(port, session, call);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> body = McpJson.object(McpJson.MAPPER.readValue(response.body(), Map.class));
    Map<String, Object> result = McpJson.object(body.get("result"));
    String text = McpJson.string(McpJson.object(McpJson.array(result, "content").get(0)), "text");
    return McpJson.object(McpJson.MAPPER.readValue(text, Map.class));
  }

  static Map<String, Object> initialize() {
    return initialize(Map.of());
  }

  static Map<String, Object> initialize(Map<String, Object> capabilities) {
    return Map.of(
        "jsonrpc",
        "2.0",
        "id",
        0,
        "method",
        "initialize",
        "params",
        Map.of(
            "protocolVersion",
            "2025-06-18",
            "capabilities",
            capabilities,
            "clientInfo",
            Map.of("name", "raw", "version", "1")));
  }

  static HttpResponse<String> post(int port, String session, Map<String, Object> message)
      throws Exception {
    return post(port, "/second", "application/json, text/event-stream", session, message);
  }

  static HttpResponse<String> post(
      int port, String path, String accept, String session, Map<String, Object> message)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    McpJson.write(message), StandardCharsets.UTF_8));
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
