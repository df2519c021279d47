/**
 * Metrics of the MCP requests the gateway serves (spans and the access log are in {@code
 * telemetry}).
 */
package io.agw.gateway.mcp.telemetry;
