package io.agw.gateway.telemetry;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The span of one MCP request the gateway serves, after the OpenTelemetry MCP conventions (server
 * side): named {@code {mcp.method.name} {target}} (the tool or prompt), a child of the request's
 * HTTP server span, with {@code jsonrpc.request.id}. The span fails when the answer is a JSON-RPC
 * error ({@code error.type} and {@code rpc.response.status_code} are its code) or a tool result
 * with {@code isError: true} ({@code error.type} {@code tool_error}). Only exists when the request
 * is traced. Arguments and results are never recorded.
 *
 * <p>{@link #traceContext} is what the gateway puts in the {@code params._meta} of the requests it
 * relays to targets (MCP SEP-414): the W3C keys of this span's context, so a target's spans are
 * children of it.
 *
 * <p>{@code mcp.session.id} is not the session id itself: the id is what a client presents to use
 * the session, and trace backends are read by more people than the gateway's clients. The span
 * carries the first 128 bits of the SHA-256 of the id instead, which still groups a session's
 * requests. Confined to its request.
 */
final class McpSpan {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
  private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("gen_ai.prompt.name");
  private static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("mcp.resource.uri");
  private static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.id");
  private static final AttributeKey<String> VERSION =
      AttributeKey.stringKey("mcp.protocol.version");
  private static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
  private static final AttributeKey<String> PROTOCOL =
      AttributeKey.stringKey("network.protocol.name");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> REQUEST_ID =
      AttributeKey.stringKey("jsonrpc.request.id");
  private static final AttributeKey<String> STATUS_CODE =
      AttributeKey.stringKey("rpc.response.status_code");

  /** The keys SEP-414 reserves in {@code _meta}; other propagators' fields stay in headers. */
  private static final Set<String> META_KEYS = Set.of("traceparent", "tracestate", "baggage");

  private static final TextMapSetter<Map<String, String>> META_SETTER =
      (carrier, key, value) -> {
        if (carrier != null && META_KEYS.contains(key)) {
          carrier.put(key, value);
        }
      };

  // The Streamable HTTP headers, named here rather than taken from the server filter, so that this
  // class depends on nothing but the exchange.
  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String VERSION_HEADER = "MCP-Protocol-Version";

  private final Span span;
  private final String method;
  private final Map<String, String> traceContext;

  private McpSpan(Span span, String method, Map<String, String> traceContext) {
    this.span = span;
    this.method = method;
    this.traceContext = traceContext;
  }

  /**
   * The span of an MCP request on {@code exchange}, or null when the exchange is not traced; {@code
   * id} is the request's JSON-RPC id (null for none).
   */
  static McpSpan start(ServerWebExchange exchange, String method, Object id) {
    RequestTrace trace = RequestTrace.of(exchange);
    if (trace == null) {
      return null;
    }
    var builder =
        trace
            .child(method, SpanKind.SERVER, null)
            .setAttribute(METHOD, method)
            .setAttribute(TRANSPORT, "tcp")
            .setAttribute(PROTOCOL, "http");
    if (id != null) {
      builder.setAttribute(REQUEST_ID, String.valueOf(id));
    }
    if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
      builder.setAttribute(OPERATION, "execute_tool");
    }
    if (trace.recording()) {
      var headers = exchange.getRequest().getHeaders();
      String version = headers.getFirst(VERSION_HEADER);
      if (version != null) {
        builder.setAttribute(VERSION, version);
      }
      String session = headers.getFirst(SESSION_HEADER);
      if (session != null) {
        builder.setAttribute(SESSION, digest(session));
      }
    }
    Span span = builder.startSpan();
    return new McpSpan(span, method, inject(trace.propagator(), trace.context().with(span)));
  }

  private static Map<String, String> inject(TextMapPropagator propagator, Context context) {
    Map<String, String> fields = new LinkedHashMap<>();
    propagator.inject(context, fields, META_SETTER);
    return Map.copyOf(fields);
  }

  /**
   * The W3C trace context of this span: {@code traceparent}, {@code tracestate}, {@code baggage}.
   */
  Map<String, String> traceContext() {
    return traceContext;
  }

  /**
   * Ends the span: {@code subject} is the federated tool, prompt or resource, or null; {@code
   * response} the answer, or null when there is none to tell (the span then ends as failed).
   */
  void end(String subject, JSONRPCResponse response) {
    if (subject != null && span.isRecording()) {
      switch (method) {
        case McpSchema.METHOD_TOOLS_CALL -> {
          span.setAttribute(TOOL, subject);
          span.updateName(method + " " + subject);
        }
        case McpSchema.METHOD_PROMPT_GET -> {
          span.setAttribute(PROMPT, subject);
          span.updateName(method + " " + subject);
        }
        default -> {
          // URIs are not low-cardinality: an attribute, never part of the name.
          if (method.startsWith("resources/")) {
            span.setAttribute(RESOURCE, subject);
          }
        }
      }
    }
    if (response == null) {
      span.setAttribute(ERROR_TYPE, "_OTHER");
      span.setStatus(StatusCode.ERROR);
    } else if (response.error() != null) {
      String code = Integer.toString(response.error().code());
      span.setAttribute(ERROR_TYPE, code);
      span.setAttribute(STATUS_CODE, code);
      span.setStatus(StatusCode.ERROR, String.valueOf(response.error().message()));
    } else if (McpSchema.METHOD_TOOLS_CALL.equals(method) && toolError(response.result())) {
      span.setAttribute(ERROR_TYPE, "tool_error");
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static boolean toolError(Object result) {
    if (result instanceof Map<?, ?> map) {
      return Boolean.TRUE.equals(map.get("isError"));
    }
    return result instanceof McpSchema.CallToolResult r && Boolean.TRUE.equals(r.isError());
  }

  private static String digest(String sessionId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
