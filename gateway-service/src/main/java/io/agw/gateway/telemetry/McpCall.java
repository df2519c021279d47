package io.agw.gateway.telemetry;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.util.Map;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the access log says about an MCP request: the JSON-RPC method, the tool, prompt or resource
 * it named, and whether it succeeded. Set by the MCP server filter; read once the response is
 * written. When the request is traced, the call also owns the request's MCP span ({@link McpSpan}),
 * which ends with {@link #answered}, and gives the trace context the gateway sends to targets
 * ({@link #traceContext}). Mutable; one per request, confined to its exchange.
 */
public final class McpCall {

  /** The exchange attribute holding the call. */
  public static final String ATTRIBUTE = McpCall.class.getName();

  private final String method;
  private final McpSpan span;
  private volatile String subject;
  private volatile Boolean ok;

  private McpCall(String method, McpSpan span) {
    this.method = method;
    this.span = span;
  }

  /** The call of the JSON-RPC request {@code method} with id {@code id} (null for none). */
  public static McpCall start(ServerWebExchange exchange, String method, Object id) {
    McpCall call = new McpCall(method, McpSpan.start(exchange, method, id));
    exchange.getAttributes().put(ATTRIBUTE, call);
    return call;
  }

  public void subject(String subject) {
    this.subject = subject;
  }

  /** Records the answer the client gets: a result, or a JSON-RPC error. */
  public void answered(JSONRPCResponse response) {
    this.ok = response.error() == null;
    if (span != null) {
      span.end(subject, response);
    }
  }

  public String method() {
    return method;
  }

  /** The federated tool, prompt or resource name; null for other methods. */
  public String subject() {
    return subject;
  }

  /** Whether the answer was a result (not a JSON-RPC error); null while unanswered. */
  public Boolean ok() {
    return ok;
  }

  /**
   * The W3C trace context ({@code traceparent}, and {@code tracestate} and {@code baggage} when
   * present) of the request's MCP span, for the {@code params._meta} of what is relayed to targets;
   * empty when the request is not traced.
   */
  public Map<String, String> traceContext() {
    return span == null ? Map.of() : span.traceContext();
  }
}
