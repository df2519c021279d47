package io.agw.gateway.mcp.upstream;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;

/**
 * Where a connection sends its server's requests (other than ping, which the connection answers
 * itself): the client session that owns the connection. Called on the transport's thread.
 */
public interface ServerRequests {
  /**
   * Takes {@code request} of {@code target} to relay to a client; false when no client can receive
   * it now (the connection then answers the server with an error).
   */
  boolean offer(String target, JSONRPCRequest request);
}
