package io.agw.gateway.mcp;

import io.agw.gateway.support.McpPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For the {@code config.mcp.sessionTtl} tests: a configuration file with one MCP route to the
 * second server over Streamable HTTP, an {@code initialize} through the gateway, and what the
 * upstream says about its sessions ({@code GET /sessions}: ids issued, ids a DELETE ended).
 */
final class SessionTtlScenario {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The upstream's view: the session ids it issued and those a client ended. */
  record UpstreamSessions(List<String> issued, List<String> ended) {}

  private SessionTtlScenario() {}

  /** Writes the file; {@code ttl} null leaves {@code config.mcp.sessionTtl} unset. */
  static String config(String ttl, int port, McpPeers.Server upstream) {
    String yaml =
        """
        %s
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: tools
                    backends:
                      - mcp:
                          targets:
                            - name: second
                              mcp: {host: "http://127.0.0.1:%d/mcp"}
        """
            .formatted(
                ttl == null ? "" : "config:\n  mcp:\n    sessionTtl: " + ttl,
                port,
                upstream.port());
    try {
      Path file = Files.createTempDirectory("agw-mcp-ttl").resolve("config.yaml");
      Files.writeString(file, yaml);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Initializes a client session through the gateway and returns its id. */
  static String initialize(int port) throws IOException, InterruptedException {
    String body =
        """
        {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
        "capabilities":{},"clientInfo":{"name":"ttl-test","version":"1"}}}""";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("initialize answered " + response.statusCode());
    }
    return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  /** What the upstream says about its sessions. */
  static UpstreamSessions upstream(McpPeers.Server upstream)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstream.port() + "/sessions"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    return new UpstreamSessions(strings(json.path("issued")), strings(json.path("ended")));
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }
}
