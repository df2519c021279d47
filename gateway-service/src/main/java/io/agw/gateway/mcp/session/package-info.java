/** Client sessions: their upstream connections, idle expiry, and relayed server-to-client ids. */
package io.agw.gateway.mcp.session;
