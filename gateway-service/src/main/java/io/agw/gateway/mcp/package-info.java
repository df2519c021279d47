/**
 * The gateway's MCP server for {@code mcp} backends, wired together: {@link
 * io.agw.gateway.mcp.McpRoutes} (per route), {@link io.agw.gateway.mcp.McpBackendKind} (how an
 * {@code mcp} backend and its policies plug into route compilation) and the Spring configuration.
 * Sub-packages, lowest first: {@code json} (the one JSON mapper), {@code upstream} and {@code
 * openapi} (connections to targets), {@code federation} (targets, name federation, dispatch, the
 * session id that carries the targets' sessions), {@code session} (client sessions), {@code
 * telemetry} (metrics), {@code transport} (Streamable HTTP and legacy SSE towards clients).
 */
package io.agw.gateway.mcp;
