/** The MCP runtime's JSON mapper and helpers over untyped JSON-RPC params and results. */
package io.agw.gateway.mcp.json;
