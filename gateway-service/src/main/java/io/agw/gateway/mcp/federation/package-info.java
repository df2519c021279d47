/**
 * One {@code mcp} backend as a federation of targets: the targets and their connections, how tool,
 * prompt and resource names are prefixed and routed, the dispatch of a client's JSON-RPC request to
 * the targets, and the gateway session id that carries each target's own session.
 */
package io.agw.gateway.mcp.federation;
