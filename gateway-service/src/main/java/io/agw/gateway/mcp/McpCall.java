package io.agw.gateway.mcp;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the access log says about an MCP request: the JSON-RPC method, the tool, prompt or resource
 * it named, and whether it succeeded. Set by the MCP server filter; read once the response is
 * written. Mutable; one per request, confined to its exchange.
 */
public final class McpCall {

  /** The exchange attribute holding the call. */
  public static final String ATTRIBUTE = McpCall.class.getName();

  private final String method;
  private volatile String subject;
  private volatile Boolean ok;

  private McpCall(String method) {
    this.method = method;
  }

  static McpCall start(ServerWebExchange exchange, String method) {
    McpCall call = new McpCall(method);
    exchange.getAttributes().put(ATTRIBUTE, call);
    return call;
  }

  void subject(String subject) {
    this.subject = subject;
  }

  void ok(boolean ok) {
    this.ok = ok;
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
