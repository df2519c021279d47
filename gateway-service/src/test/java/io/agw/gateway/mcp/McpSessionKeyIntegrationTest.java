package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.GatewayApplication;
import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The configuration file's {@code config.session.key} seals MCP session ids (agentgateway's session
 * key), so two replicas started from the same file serve each other's sessions and a replica with
 * another key refuses them. A real MCP server (npm) behind the gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpSessionKeyIntegrationTest {

  static final McpPeers.Server SECOND_HTTP = McpPeers.startSecondHttp();
  static final int PORT = FreePorts.next();
  static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  static final String OTHER_KEY =
      "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static ConfigurableApplicationContext sameKey;
  static ConfigurableApplicationContext otherKey;

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    Path file = config(PORT, KEY);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
  }

  static Path config(int port, String key) throws Exception {
    String yaml =
        """
        config:
          session:
            key: "%3$s"
        binds:
          - port: %1$d
            listeners:
              - routes:
                  - name: second
                    matches: [{path: {pathPrefix: /second}}]
                    backends:
                      - mcp:
                          targets:
                            - name: second
                              mcp: {host: "http://127.0.0.1:%2$d/mcp"}
        """
            .formatted(port, SECOND_HTTP.port(), key);
    Path file = Files.createTempDirectory("agw-session-key").resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext replica :
        new ConfigurableApplicationContext[] {sameKey, otherKey}) {
      if (replica != null) {
        replica.close();
      }
    }
    SECOND_HTTP.close();
  }

  @Test
  void sessionIdsAreSealedWithTheFilesKeyAndServedByEveryReplicaWithIt() throws Exception {
    int samePort = FreePorts.next();
    int otherPort = FreePorts.next();
    sameKey = replica(samePort, KEY);
    otherKey = replica(otherPort, OTHER_KEY);

    Map<String, Object> initialize =
        Map.of(
            "jsonrpc",
            "2.0",
            "id",
            1,
            "method",
            "initialize",
            "params",
            Map.of(
                "protocolVersion",
                "2025-06-18",
                "capabilities",
                Map.of(),
                "clientInfo",
                Map.of("name", "raw", "version", "1")));
    HttpResponse<String> init = post(PORT, null, initialize);
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    // Sealed (AES-GCM), not the readable form a gateway without a key issues.
    assertThat(session).startsWith("s1.");

    Map<String, Object> list = Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/list");
    HttpResponse<String> there = post(samePort, session, list);
    assertThat(there.statusCode()).isEqualTo(200);
    assertThat(there.body()).contains("\"tools\"");

    assertThat(post(otherPort, session, list).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> post(int port, String session, Map<String, Object> message)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/second"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(McpJson.write(message)));
    if (session != null) {
      b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ConfigurableApplicationContext replica(int port, String key) throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GatewayApplication.class)
            .run(
                "--server.port=0",
                "--agw.config.file=" + config(port, key),
                "--agw.bind-address=127.0.0.1");
    // The bind ports open once the configuration is applied, after the context has started.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
              }
            });
    return context;
  }
}
