/**
 * MCP guardrails ({@code mcpGuardrails}): processors that check what a client sends in a JSON-RPC
 * request and what the targets return, per method pattern and phase. The {@code regex} kind masks
 * or rejects with the LLM regex guard ({@code guard.regex}). Used by the dispatcher; imports no
 * other MCP package but the JSON helpers.
 */
package io.agw.gateway.mcp.guard;
