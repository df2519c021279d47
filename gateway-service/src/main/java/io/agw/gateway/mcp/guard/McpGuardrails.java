package io.agw.gateway.mcp.guard;

import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.guard.regex.RegexGuard;
import io.agw.model.resource.v1.McpGuardrailProcessor;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mcpGuardrails} of a route, compiled once per state. Each processor runs on the methods
 * its {@code methods} resolve to a phase for (see {@link MethodPhases}), in the order configured:
 * on the request before it is routed to any target, on the result before the client sees it. A
 * {@code regex} processor masks or rejects the texts of {@link GuardedTexts}; masks of earlier
 * processors are what later processors, the targets and the client see. The first rejection ends
 * the run: the client gets the JSON-RPC error {@link #REJECTED} and, on the request phase, no
 * target is called. Immutable and thread-safe.
 */
public final class McpGuardrails {

  private static final Logger log = LoggerFactory.getLogger(McpGuardrails.class);

  /**
   * The JSON-RPC error code of a rejection: agentgateway's code for a processor's permission denial
   * (server-error range).
   */
  public static final int REJECTED = -32001;

  /**
   * The guard name of a regex processor's decisions in telemetry ({@code
   * agw.guardrail.decisions{guard="mcp.regex"}}), distinct from the prompt guards' {@code regex}.
   */
  public static final String REGEX_GUARD = "mcp.regex";

  /** No processors. */
  public static final McpGuardrails NONE = new McpGuardrails(List.of());

  /** The phase a decision was made in. */
  public enum Phase {
    REQUEST,
    RESPONSE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a processor decided for one message. */
  public enum Action {
    ALLOW,
    MASK,
    REJECT;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private record Processor(int index, MethodPhases methods, RegexGuard regex) {}

  /** A request after the request phase: the request to route, or the error to answer with. */
  public record GuardedRequest(JSONRPCRequest request, JSONRPCResponse rejection) {}

  private final List<Processor> processors;

  private McpGuardrails(List<Processor> processors) {
    this.processors = processors;
  }

  /**
   * Compiles a policy; {@code policy} may be null.
   *
   * @throws IllegalArgumentException when a pattern does not compile or a processor has no kind
   */
  public static McpGuardrails of(io.agw.model.resource.v1.McpGuardrails policy) {
    if (policy == null || policy.getProcessorsCount() == 0) {
      return NONE;
    }
    List<Processor> processors = new ArrayList<>();
    for (int i = 0; i < policy.getProcessorsCount(); i++) {
      McpGuardrailProcessor p = policy.getProcessors(i);
      if (!p.hasRegex()) {
        throw new IllegalArgumentException(
            "mcpGuardrails.processors[" + i + "]: a processor needs a kind (regex)");
      }
      processors.add(
          new Processor(i, new MethodPhases(p.getMethodsMap()), RegexGuard.of(p.getRegex())));
    }
    return new McpGuardrails(List.copyOf(processors));
  }

  public boolean isEmpty() {
    return processors.isEmpty();
  }

  /** Runs the request phase over a client request, recording no decisions. */
  public GuardedRequest onRequest(JSONRPCRequest request) {
    return onRequest(request, null);
  }

  /**
   * Runs the request phase over a client request; each processor that runs records its decision in
   * {@code decisions} (when not null).
   */
  public GuardedRequest onRequest(JSONRPCRequest request, GuardDecisions decisions) {
    String method = request.method();
    if (processors.isEmpty() || method == null || !GuardedTexts.readsRequest(method)) {
      return new GuardedRequest(request, null);
    }
    Outcome outcome =
        run(
            method,
            Phase.REQUEST,
            request.params(),
            (v, f) -> GuardedTexts.params(method, v, f),
            decisions);
    if (outcome.rejected()) {
      return new GuardedRequest(
          null, rejection(request.id(), "the request's arguments match a guarded pattern"));
    }
    return new GuardedRequest(
        outcome.value() == request.params()
            ? request
            : new JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, request.id(), outcome.value()),
        null);
  }

  /** Runs the response phase over the answer to a {@code method} request, recording nothing. */
  public JSONRPCResponse onResponse(String method, JSONRPCResponse response) {
    return onResponse(method, response, null);
  }

  /**
   * Runs the response phase over the answer to a {@code method} request; each processor that runs
   * records its decision in {@code decisions} (when not null).
   */
  public JSONRPCResponse onResponse(
      String method, JSONRPCResponse response, GuardDecisions decisions) {
    if (processors.isEmpty()
        || method == null
        || response.result() == null
        || !GuardedTexts.readsResponse(method)) {
      return response;
    }
    Outcome outcome =
        run(
            method,
            Phase.RESPONSE,
            response.result(),
            (v, f) -> GuardedTexts.result(method, v, f),
            decisions);
    if (outcome.rejected()) {
      return rejection(response.id(), "the result matches a guarded pattern");
    }
    return outcome.value() == response.result()
        ? response
        : new JSONRPCResponse(McpSchema.JSONRPC_VERSION, response.id(), outcome.value(), null);
  }

  /** The params or result after the processors: the same instance when nothing was masked. */
  private record Outcome(Object value, boolean rejected) {}

  /** Runs the processors of {@code phase} over {@code value}, whose texts {@code walk} visits. */
  private Outcome run(
      String method,
      Phase phase,
      Object value,
      BiFunction<Object, UnaryOperator<String>, Object> walk,
      GuardDecisions decisions) {
    Object current = value;
    for (Processor p : processors) {
      if (!(phase == Phase.REQUEST
          ? p.methods().runsRequest(method)
          : p.methods().runsResponse(method))) {
        continue;
      }
      boolean[] hit = {false};
      if (p.regex().rejects()) {
        walk.apply(
            current,
            text -> {
              hit[0] = hit[0] || p.regex().matches(text);
              return text;
            });
        decision(method, p, phase, hit[0] ? Action.REJECT : Action.ALLOW, decisions);
        if (hit[0]) {
          return new Outcome(null, true);
        }
      } else {
        Object masked =
            walk.apply(
                current,
                text -> {
                  String m = p.regex().mask(text);
                  hit[0] = hit[0] || m != text;
                  return m;
                });
        decision(method, p, phase, hit[0] ? Action.MASK : Action.ALLOW, decisions);
        if (hit[0]) {
          current = masked;
        }
      }
    }
    return new Outcome(current, false);
  }

  /**
   * The one place an MCP guardrail decision is made known: every processor that ran on a message,
   * with its phase and action (never the matched text), recorded in the exchange's decisions for
   * the access log, the decisions counter and the server span.
   */
  private void decision(
      String method, Processor p, Phase phase, Action action, GuardDecisions decisions) {
    if (decisions != null) {
      decisions.record(REGEX_GUARD, phase.label(), action.label());
    }
    if (action != Action.ALLOW) {
      log.debug(
          "mcpGuardrails processor {} ({}) on {} {}: {}",
          p.index(),
          "regex",
          method,
          phase.label(),
          action.label());
    }
  }

  private static JSONRPCResponse rejection(Object id, String why) {
    return new JSONRPCResponse(
        McpSchema.JSONRPC_VERSION,
        id,
        null,
        new JSONRPCError(REJECTED, "Rejected by mcpGuardrails: " + why, null));
  }

  @Override
  public String toString() {
    return "McpGuardrails[processors=" + processors.size() + "]";
  }
}
