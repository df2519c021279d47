package io.agw.gateway.mcp.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MCP server speaking just enough Streamable HTTP (initialize, tools/list, tools/call with one
 * {@code echo} tool; JSON answers, no GET stream) on loopback, recording which credentials each
 * message it received carried.
 */
final class RecordingMcpTarget implements AutoCloseable {

  /** One JSON-RPC message received: its method and the Authorization header it came with. */
  record Received(String method, String authorization, String sessionId) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private RecordingMcpTarget(HttpServer server) {
    this.server = server;
  }

  static RecordingMcpTarget start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RecordingMcpTarget target = new RecordingMcpTarget(server);
      server.createContext("/mcp", target::handle);
      server.start();
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * The Authorization headers of the messages with {@code method} among those received after the
   * first {@code skip}, in order.
   */
  List<String> authorizations(int skip, String method) {
    return received().stream()
        .skip(skip)
        .filter(r -> r.method().equals(method))
        .map(Received::authorization)
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (method.equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (method.equals("DELETE")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JSONRPCMessage message = McpJson.parse(body);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
      if (!(message instanceof JSONRPCRequest request)) {
        String name =
            message instanceof McpSchema.JSONRPCNotification n ? n.method() : "(response)";
        received.add(new Received(name, authorization, session));
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      received.add(new Received(request.method(), authorization, session));
      Object result =
          switch (request.method()) {
            case "initialize" ->
                Map.of(
                    "protocolVersion",
                    "2025-06-18",
                    "capabilities",
                    Map.of("tools", Map.of()),
                    "serverInfo",
                    Map.of("name", "recording", "version", "1"));
            case "tools/list" ->
                Map.of(
                    "tools",
                    List.of(
                        Map.of(
                            "name",
                            "echo",
                            "inputSchema",
                            Map.of("type", "object", "properties", Map.of()))));
            case "tools/call" ->
                Map.of("content", List.of(Map.of("type", "text", "text", "echoed")));
            default -> Map.of();
          };
      byte[] out =
          McpJson.write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null))
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (request.method().equals("initialize")) {
        exchange.getResponseHeaders().set("Mcp-Session-Id", "upstream-session-1");
      }
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
