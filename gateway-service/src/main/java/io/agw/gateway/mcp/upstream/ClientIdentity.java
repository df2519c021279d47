package io.agw.gateway.mcp.upstream;

import java.util.Map;

/**
 * Who the gateway says it is in a target's {@code initialize}: a client's capabilities and info (so
 * that the server may ask that client for sampling, elicitation or roots), or the gateway's own.
 */
public record ClientIdentity(Map<String, Object> capabilities, Map<String, Object> clientInfo) {

  /** The gateway itself: no client capabilities (nothing is relayed to a client). */
  public static final ClientIdentity GATEWAY =
      new ClientIdentity(Map.of(), Map.of("name", "agw", "version", "1.0"));

  /** Servers refuse an initialize without a client name and version: the gateway's fill in. */
  public ClientIdentity {
    capabilities = capabilities == null ? Map.of() : capabilities;
    if (clientInfo == null
        || !(clientInfo.get("name") instanceof String)
        || !(clientInfo.get("version") instanceof String)) {
      clientInfo = Map.of("name", "agw", "version", "1.0");
    }
  }
}
