/**
 * MCP towards clients: the Streamable HTTP server filter, the legacy SSE transport, and DNS
 * rebinding protection.
 */
package io.agw.gateway.mcp.transport;
