package io.agw.gateway.mcp.transport;

import io.agw.gateway.mcp.json.McpJson;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Writes MCP answers: one JSON-RPC message as JSON, a stream of them as SSE, or an HTTP error. */
final class McpHttp {

  private McpHttp() {}

  /**
   * A JSON-RPC error that answers no request id (the message was unreadable, or refused before it
   * was read): {@code "id": null}, which the SDK's response type does not allow.
   */
  static Mono<Void> rejection(
      ServerWebExchange exchange, HttpStatus status, int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", "2.0");
    body.put("id", null);
    body.put("error", Map.of("code", code, "message", message));
    return write(exchange, status, body);
  }

  static Mono<Void> json(ServerWebExchange exchange, HttpStatus status, JSONRPCMessage message) {
    return write(exchange, status, message);
  }

  private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, Object message) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] bytes = McpJson.write(message).getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
  }

  /** An SSE stream, one {@code message} event per JSON-RPC message, flushed as each arrives. */
  static Mono<Void> events(ServerWebExchange exchange, Flux<JSONRPCMessage> messages) {
    return events(exchange, Flux.empty(), messages);
  }

  /**
   * An SSE stream of {@code first} (ready-made events), then one {@code message} event per JSON-RPC
   * message, each flushed as it comes.
   */
  static Mono<Void> events(
      ServerWebExchange exchange, Flux<DataBuffer> first, Flux<JSONRPCMessage> messages) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.OK);
    response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
    response.getHeaders().setCacheControl("no-cache");
    Flux<DataBuffer> events =
        Flux.concat(first, messages.map(m -> event(response, "message", McpJson.write(m))));
    return response.writeAndFlushWith(events.map(Flux::just));
  }

  /** One SSE event; {@code data} must be a single line (JSON written compactly is). */
  static DataBuffer event(ServerHttpResponse response, String name, String data) {
    String text = "event: " + name + "\ndata: " + data + "\n\n";
    return response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An HTTP-level refusal, in the gateway's error format. */
  static Mono<Void> error(ServerWebExchange exchange, HttpStatus status, String message) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] bytes =
        McpJson.write(
                Map.of(
                    "error",
                    Map.of("type", "mcp_error", "message", message, "status", status.value())))
            .getBytes(StandardCharsets.UTF_8);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
  }

  /**
   * Whether the client ranks {@code text/event-stream} above {@code application/json} in its {@code
   * Accept}: by quality, then by order (the header's order is the only preference a client
   * expresses when both have the same quality).
   */
  static boolean prefersEventStream(ServerWebExchange exchange) {
    List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
    int stream = -1;
    int json = -1;
    for (int i = 0; i < accept.size(); i++) {
      MediaType m = accept.get(i);
      if (m.isWildcardType()) {
        continue;
      }
      if (stream < 0 && m.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)) {
        stream = i;
      } else if (json < 0 && m.isCompatibleWith(MediaType.APPLICATION_JSON)) {
        json = i;
      }
    }
    if (stream < 0 || accept.get(stream).getQualityValue() == 0) {
      return false;
    }
    if (json < 0) {
      return true;
    }
    double streamQuality = accept.get(stream).getQualityValue();
    double jsonQuality = accept.get(json).getQualityValue();
    return streamQuality > jsonQuality || (streamQuality == jsonQuality && stream < json);
  }

  static boolean acceptsEventStream(ServerWebExchange exchange) {
    List<MediaType> accept = exchange.getRequest().getHeaders().getAccept();
    return accept.stream()
        .anyMatch(m -> m.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !m.isWildcardType());
  }
}
