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

  /**
   * Asks the transport to continue the server's existing session {@code sessionId} (negotiated at
   * {@code protocolVersion}) instead of a new one; called before {@link #start}. A transport that
   * cannot (stdio, SSE, in-process) answers false, and the connection initializes anew.
   */
  default boolean resume(String sessionId, String protocolVersion) {
    return false;
  }

  /** Called once initialize has succeeded, with the protocol version the server chose. */
  default void negotiated(String protocolVersion) {}

  /** The server's session id (Streamable HTTP), or null when the transport has none. */
  default String sessionId() {
    return null;
  }

  /** The protocol version in force, or null when unknown. */
  default String protocolVersion() {
    return null;
  }

  /**
   * Closes the channel without ending the server's session (a Streamable HTTP session stays valid
   * for another gateway replica); by default the same as {@link #close}.
   */
  default void abandon() {
    close();
  }
}
