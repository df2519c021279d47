package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.agw.gateway.support.NodeScripts;
import io.agw.gateway.support.TestJwks;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code mcpAuthentication} and {@code dnsRebindingProtection} through a gateway in front of real
 * MCP servers (server-everything and the second test server over stdio), with a local HTTPS JWKS
 * server and the MCP Java SDK client sending bearer tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpAuthenticationIntegrationTest {

  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final TestJwks JWKS = McpGatewayIntegrationTest.newJwks();
  static final String ISSUER = "https://issuer.test";
  static final String BASE = "http://127.0.0.1:" + PORT;

  static final String CONFIG =
      """
      backends:
        - name: federated
          mcp:
            targets:
              - name: everything
                stdio: {cmd: node, args: ["${EVERYTHING_JS}", "stdio"]}
              - name: second
                stdio: {cmd: node, args: ["${SECOND_JS}"]}
      binds:
        - port: ${PORT}
          listeners:
            - routes:
                - name: strict
                  matches:
                    - path: {pathPrefix: /mcp}
                  policies:
                    mcpAuthentication:
                      issuer: https://issuer.test
                      audiences: [mcp]
                      jwks: {url: "${JWKS}"}
                      resourceMetadata:
                        scopesSupported: [tools]
                        resourceName: agw test
                    mcpAuthorization:
                      rules:
                        - 'jwt.role == "admin"'
                        - 'has(mcp.tool) && mcp.tool.name == "echo"'
                  backends:
                    - backend: federated
                - name: optional
                  matches:
                    - path: {pathPrefix: /optional}
                  policies:
                    mcpAuthentication:
                      issuer: https://issuer.test
                      audiences: [mcp]
                      jwks: {url: "${JWKS}"}
                      mode: optional
                      resourceMetadata:
                        resource: https://mcp.example.com/optional
                        authorizationServers: [https://login.example.com]
                  backends:
                    - backend: federated
                - name: local
                  matches:
                    - path: {pathPrefix: /local}
                  backends:
                    - mcp:
                        dnsRebindingProtection: true
                        targets:
                          - name: second
                            stdio: {cmd: node, args: ["${SECOND_JS}"]}
      """;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    McpPeers.install();
    String yaml =
        CONFIG
            .replace("${PORT}", Integer.toString(PORT))
            .replace("${EVERYTHING_JS}", McpPeers.everything("stdio").get(1))
            .replace("${SECOND_JS}", McpPeers.second().get(1))
            .replace("${JWKS}", JWKS.url());
    Path file = Files.createTempDirectory("agw-mcp-auth").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    String ca =
        Path.of(McpAuthenticationIntegrationTest.class.getResource("/tls/ca.pem").toURI())
            .toString();
    registry.add("agw.security.jwks-ca-file", () -> ca);
  }

  @AfterAll
  static void stop() {
    JWKS.close();
  }

  @Test
  void withoutATokenTheChallengeNamesTheMetadataWhichIsServed() throws Exception {
    HttpResponse<String> refused = post("/mcp", null, Map.of());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .contains(
            "Bearer resource_metadata=\""
                + BASE
                + "/.well-known/oauth-protected-resource/mcp\", scope=\"tools\"");
    JsonNode error = JSON.readTree(refused.body());
    assertThat(error.get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(error.get("id").isNull()).isTrue();
    assertThat(error.get("error").get("code").asInt()).isEqualTo(-32001);

    HttpResponse<String> metadata = get("/.well-known/oauth-protected-resource/mcp", Map.of());
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(metadata.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(JSON.readTree(metadata.body()))
        .isEqualTo(
            JSON.readTree(
                """
                {"resource": "%s/mcp", "authorization_servers": ["https://issuer.test"],
                 "scopes_supported": ["tools"], "resource_name": "agw test"}
                """
                    .formatted(BASE)));

    // Behind a proxy the public address is the proxy's, as for A2A agent cards.
    HttpResponse<String> proxied =
        get(
            "/.well-known/oauth-protected-resource/mcp",
            Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "gw.example.com"));
    assertThat(JSON.readTree(proxied.body()).get("resource").asString())
        .isEqualTo("https://gw.example.com/mcp");
    HttpResponse<String> proxiedChallenge =
        post(
            "/mcp",
            null,
            Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "gw.example.com"));
    assertThat(proxiedChallenge.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith(
            "Bearer resource_metadata=\"https://gw.example.com/.well-known/oauth-protected-resource/mcp\"");

    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(BASE + "/.well-known/oauth-protected-resource/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://inspector.example")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");

    // No route with mcpAuthentication serves the root: the metadata path is routed as usual.
    assertThat(get("/.well-known/oauth-protected-resource", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void tokensOfAnotherIssuerAudienceOrKeyAreRefusedAsInvalid() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    List<String> bad =
        List.of(
            JWKS.token("https://other.test", "mcp", "eve", later, Map.of()),
            JWKS.token(ISSUER, "another-service", "eve", later, Map.of()),
            JWKS.token(ISSUER, "mcp", "eve", Instant.now().minusSeconds(600), Map.of()),
            TestJwks.foreignToken(ISSUER, "mcp", "eve"),
            "not-a-jwt");
    for (String token : bad) {
      HttpResponse<String> refused = post("/mcp", token, Map.of());
      assertThat(refused.statusCode()).as(token).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("resource_metadata=\"" + BASE + "/.well-known/oauth-protected-resource/mcp\"")
          .contains("error=\"invalid_token\"");
    }
    assertThatThrownBy(() -> client("/mcp", bad.get(1)));
  }

  @Test
  void callersSeeAndCallOnlyWhatTheirTokenAllows() throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    String admin = JWKS.token(ISSUER, "mcp", "alice", later, Map.of("role", "admin"));
    String user = JWKS.token(ISSUER, "mcp", "bob", later, Map.of("role", "viewer"));
    try (McpSyncClient client = client("/mcp", admin)) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("second_pid", "everything_echo", "second_echo");
      CallToolResult pid = client.callTool(new CallToolRequest("second_pid", Map.of()));
      assertThat(pid.isError()).isNotEqualTo(Boolean.TRUE);
    }
    try (McpSyncClient client = client("/mcp", user)) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("everything_echo", "second_echo");
      CallToolResult echo =
          client.callTool(new CallToolRequest("second_echo", Map.of("message", "hi")));
      assertThat(((TextContent) echo.content().get(0)).text()).contains("hi");
      assertThatThrownBy(() -> client.callTool(new CallToolRequest("second_pid", Map.of())))
          .hasMessageContaining("Unknown tool: second_pid");
    }
  }

  @Test
  void theTypeScriptSdkDiscoversTheMetadataFromTheChallengeAndByPath() throws Exception {
    String user =
        JWKS.token(
            ISSUER, "mcp", "carol", Instant.now().plusSeconds(300), Map.of("role", "viewer"));
    NodeScripts.Result run =
        NodeScripts.run(
            McpPeers.DIR,
            Duration.ofSeconds(90),
            List.of("node", "auth-discovery.mjs", BASE + "/mcp", user));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode seen = JSON.readTree(run.stdout());
    assertThat(seen.get("status").asInt()).isEqualTo(401);
    assertThat(seen.get("resourceMetadataUrl").asString())
        .isEqualTo(BASE + "/.well-known/oauth-protected-resource/mcp");
    assertThat(seen.get("scope").asString()).isEqualTo("tools");
    assertThat(seen.get("error").isNull()).isTrue();
    assertThat(seen.get("fromChallenge").get("resource").asString()).isEqualTo(BASE + "/mcp");
    assertThat(seen.get("fromChallenge").get("authorization_servers").get(0).asString())
        .isEqualTo(ISSUER);
    assertThat(seen.get("byPath")).isEqualTo(seen.get("fromChallenge"));
    assertThat(seen.get("resource").asString()).isEqualTo(BASE + "/mcp");
    assertThat(seen.get("tools").valueStream().map(JsonNode::asString).toList())
        .containsExactlyInAnyOrder("everything_echo", "second_echo");
  }

  @Test
  void optionalModeLetsAnonymousCallersInButNotBadTokens() throws Exception {
    HttpResponse<String> anonymous = post("/optional", null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"protocolVersion\"");

    HttpResponse<String> bad =
        post("/optional", TestJwks.foreignToken(ISSUER, "mcp", "eve"), Map.of());
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith(
            "Bearer resource_metadata=\""
                + BASE
                + "/.well-known/oauth-protected-resource/optional\"");

    // Configured resource and authorization servers replace the defaults.
    JsonNode doc =
        JSON.readTree(get("/.well-known/oauth-protected-resource/optional", Map.of()).body());
    assertThat(doc.get("resource").asString()).isEqualTo("https://mcp.example.com/optional");
    assertThat(doc.get("authorization_servers").get(0).asString())
        .isEqualTo("https://login.example.com");
    assertThat(doc.size()).isEqualTo(2);
  }

  @Test
  void dnsRebindingProtectionRefusesForeignHostsAndOrigins() throws Exception {
    assertThat(rawInitialize("evil.example.com", null)).startsWith("HTTP/1.1 403");
    assertThat(rawInitialize("localhost:" + PORT, "http://evil.example.com"))
        .startsWith("HTTP/1.1 403")
        .contains("\"jsonrpc\":\"2.0\"");
    assertThat(rawInitialize("localhost:" + PORT, "http://localhost:5173"))
        .startsWith("HTTP/1.1 200");
    assertThat(rawInitialize("127.0.0.1:" + PORT, null)).startsWith("HTTP/1.1 200");
    // The protection is the backend's: the route without it serves any Host.
    assertThat(rawInitialize("evil.example.com", null, "/optional")).startsWith("HTTP/1.1 200");
  }

  static McpSyncClient client(String path, String bearer) {
    var transport =
        HttpClientStreamableHttpTransport.builder(BASE)
            .endpoint(path)
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + bearer));
    McpSyncClient client =
        McpClient.sync(transport.build())
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  static String initialize() {
    return """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
        "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";
  }

  static HttpResponse<String> post(String path, String bearer, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(BASE + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(initialize()));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).GET();
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String rawInitialize(String host, String origin) throws Exception {
    return rawInitialize(host, origin, "/local");
  }

  /** The JDK client cannot send another Host than the one it connects to; a socket can. */
  static String rawInitialize(String host, String origin, String path) throws Exception {
    byte[] body = initialize().getBytes(StandardCharsets.UTF_8);
    StringBuilder request =
        new StringBuilder("POST " + path + " HTTP/1.1\r\n")
            .append("Host: ")
            .append(host)
            .append("\r\nContent-Type: application/json\r\n")
            .append("Accept: application/json, text/event-stream\r\n")
            .append("Content-Length: ")
            .append(body.length)
            .append("\r\nConnection: close\r\n");
    if (origin != null) {
      request.append("Origin: ").append(origin).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", PORT)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
