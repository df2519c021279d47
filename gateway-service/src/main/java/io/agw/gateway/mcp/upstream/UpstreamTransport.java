package io.agw.gateway.mcp.upstream;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * A JSON-RPC channel to one MCP server, below the MCP session: it moves messages and says when it
 * is gone. One instance is one connection (one process, one SSE stream, one Streamable HTTP
 * session); a new connection is a new instance.
 */
public interface UpstreamTransport {

  /**
   * Opens the channel. Every message from the server goes to {@code inbound} (on the transport's
   * thread); {@code closed} runs at most once, when the channel is gone for good.
   */
  Mono<Void> start(Consumer<JSONRPCMessage> inbound, Runnable closed);

  Mono<Void> send(JSONRPCMessage message);

  /** Closes the channel; a process is stopped. Idempotent. */
  void close();

  /** For logs: what this transport reaches. */
  String describe();
}
