package io.agw.gateway.mcp.guard;

import io.agw.model.resource.v1.McpGuardrailPhase;
import java.util.Map;

/**
 * A processor's {@code methods}: JSON-RPC method patterns and the phase each runs in, resolved as
 * agentgateway resolves them. The most specific pattern wins: an exact name, then a prefix wildcard
 * ({@code tools/*}: the namespace owner), then a suffix wildcard ({@code *}{@code /list}), then
 * {@code *}; among matching patterns of one kind the longer wins (two of one kind and length that
 * both match are the same pattern). A method no pattern matches is {@code off}. Immutable and
 * thread-safe.
 */
final class MethodPhases {

  private static final int CATCH_ALL = 1;
  private static final int SUFFIX = 2;
  private static final int PREFIX = 3;

  private final Map<String, McpGuardrailPhase> methods;

  MethodPhases(Map<String, McpGuardrailPhase> methods) {
    this.methods = Map.copyOf(methods);
  }

  /** The phase {@code method} runs in. */
  McpGuardrailPhase resolve(String method) {
    McpGuardrailPhase exact = methods.get(method);
    if (exact != null) {
      return exact;
    }
    String best = null;
    int bestKind = 0;
    for (String pattern : methods.keySet()) {
      int kind = kind(pattern, method);
      if (kind == 0) {
        continue;
      }
      if (best == null
          || kind > bestKind
          || (kind == bestKind && pattern.length() > best.length())) {
        best = pattern;
        bestKind = kind;
      }
    }
    return best == null ? McpGuardrailPhase.MCP_GUARDRAIL_PHASE_OFF : methods.get(best);
  }

  boolean runsRequest(String method) {
    McpGuardrailPhase p = resolve(method);
    return p == McpGuardrailPhase.MCP_GUARDRAIL_PHASE_REQUEST
        || p == McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL;
  }

  boolean runsResponse(String method) {
    McpGuardrailPhase p = resolve(method);
    return p == McpGuardrailPhase.MCP_GUARDRAIL_PHASE_RESPONSE
        || p == McpGuardrailPhase.MCP_GUARDRAIL_PHASE_FULL;
  }

  /** How specifically {@code pattern} matches {@code method}; 0 when it does not. */
  private static int kind(String pattern, String method) {
    if (pattern.equals("*")) {
      return CATCH_ALL;
    }
    if (pattern.endsWith("*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      if (!prefix.contains("*") && method.startsWith(prefix)) {
        return PREFIX;
      }
    }
    if (pattern.startsWith("*")) {
      String suffix = pattern.substring(1);
      if (!suffix.contains("*") && method.endsWith(suffix)) {
        return SUFFIX;
      }
    }
    return 0;
  }
}
