package io.agw.gateway.telemetry;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the access log says about an MCP request: the JSON-RPC method, the tool, prompt or resource
 * it named, and whether it succeeded. Set by the MCP server filter; read once the response is
 * written. When the request is traced, the call also owns the request's MCP span ({@link McpSpan}),
 * which ends with {@link #ok}. Mutable; one per request, confined to its exchange.
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

  public static McpCall start(ServerWebExchange exchange, String method) {
    McpCall call = new McpCall(method, McpSpan.start(exchange, method));
    exchange.getAttributes().put(ATTRIBUTE, call);
    return call;
  }

  public void subject(String subject) {
    this.subject = subject;
  }

  public void ok(boolean ok) {
    this.ok = ok;
    if (span != null) {
      span.end(subject, ok);
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
}
