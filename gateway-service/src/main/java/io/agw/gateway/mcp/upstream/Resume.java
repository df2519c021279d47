package io.agw.gateway.mcp.upstream;

/**
 * A server's Streamable HTTP session to continue instead of initializing a new one: its {@code
 * Mcp-Session-Id} and the protocol version negotiated in it (may be null).
 */
public record Resume(String sessionId, String protocolVersion) {}
