package io.agw.gateway.mcp.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An MCP server speaking just enough Streamable HTTP at {@code /mcp} (initialize, tools/list,
 * tools/call with one {@code echo} tool; JSON answers, no GET stream) and of the legacy HTTP+SSE
 * transport at {@code /sse} (one client at a time) on loopback, recording which credentials each
 * message it received carried.
 */
final class RecordingMcpTarget implements AutoCloseable {

  /** One JSON-RPC message received: its method and the Authorization header it came with. */
  record Received(String method, String authorization, String sessionId) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private OutputStream sse;

  private RecordingMcpTarget(HttpServer server) {
    this.server = server;
  }

  static RecordingMcpTarget start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RecordingMcpTarget target = new RecordingMcpTarget(server);
      server.createContext("/mcp", target::handle);
      server.createContext("/sse", target::openSse);
      server.createContext("/message", target::handle);
      // An SSE stream stays open while messages are posted: one thread per exchange.
      server.setExecutor(Executors.newCachedThreadPool());
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

  /**
   * The legacy HTTP+SSE transport's stream: its first event names the endpoint messages are posted
   * to; the answers to those messages are written here. Recorded as {@code (sse stream)}.
   */
  private void openSse(HttpExchange exchange) throws IOException {
    received.add(
        new Received("(sse stream)", exchange.getRequestHeaders().getFirst("Authorization"), null));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    synchronized (this) {
      sse = out;
      out.write("event: endpoint\ndata: /message\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    boolean legacy = exchange.getRequestURI().getPath().equals("/message");
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
      if (legacy) {
        synchronized (this) {
          sse.write(
              ("event: message\ndata: " + new String(out, StandardCharsets.UTF_8) + "\n\n")
                  .getBytes(StandardCharsets.UTF_8));
          sse.flush();
        }
        exchange.sendResponseHeaders(202, -1);
        return;
      }
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
