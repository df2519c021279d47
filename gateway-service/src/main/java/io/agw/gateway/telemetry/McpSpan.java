package io.agw.gateway.telemetry;

import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.server.ServerWebExchange;

/**
 * The span of one MCP request the gateway serves, after the OpenTelemetry MCP conventions (server
 * side): named {@code {mcp.method.name} {target}} (the tool or prompt), a child of the request's
 * HTTP server span, with error status when the answer is a JSON-RPC error. Only exists when the
 * request is traced. Arguments and results are never recorded.
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

  // The Streamable HTTP headers, named here rather than taken from the server filter, so that this
  // class depends on nothing but the exchange.
  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String VERSION_HEADER = "MCP-Protocol-Version";

  private final Span span;
  private final String method;

  private McpSpan(Span span, String method) {
    this.span = span;
    this.method = method;
  }

  /** The span of an MCP request on {@code exchange}, or null when the exchange is not traced. */
  static McpSpan start(ServerWebExchange exchange, String method) {
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
    return new McpSpan(builder.startSpan(), method);
  }

  /** Ends the span: {@code subject} is the federated tool, prompt or resource, or null. */
  void end(String subject, boolean ok) {
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
    if (!ok) {
      // The JSON-RPC error code is not known here; the conventions' fallback value.
      span.setAttribute(ERROR_TYPE, "_OTHER");
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
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
