package io.agw.gateway.llm.guard;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.http.HeaderModifiers;
import io.agw.gateway.llm.provider.ClientErrors;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.AnthropicErrorType;
import io.agw.model.resource.v1.GuardRejection;
import io.agw.model.resource.v1.HeaderModifier;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * What a client receives when a guard rejects: the configured status and header changes, and the
 * configured body, sent as written when it is JSON (the user wrote the client's error format
 * themselves) and otherwise wrapped as the message of an error in the client's format (OpenAI or
 * Anthropic). Immutable and thread-safe.
 */
public final class Rejection {

  private final int status;
  private final byte[] body;
  private final boolean json;
  private final HeaderModifier headers;

  Rejection(GuardRejection proto) {
    this(
        proto.getStatus() == 0 ? 403 : proto.getStatus(),
        proto.getBody().toByteArray(),
        proto.getHeaders());
  }

  private Rejection(int status, byte[] body, HeaderModifier headers) {
    this.status = status;
    this.body = body;
    this.json = isJson(body);
    this.headers = headers;
  }

  /**
   * This rejection with the status and message a guard service gave (a webhook's own rejection),
   * where it gave them; the configured header changes still apply.
   */
  Rejection with(Verdict.Reject verdict) {
    if (verdict.status() == 0 && verdict.message() == null) {
      return this;
    }
    return new Rejection(
        verdict.status() == 0 ? status : verdict.status(),
        verdict.message() == null ? body : verdict.message().getBytes(StandardCharsets.UTF_8),
        headers);
  }

  public int status() {
    return status;
  }

  /** The body the client receives. */
  public byte[] body(Dialect client) {
    return json
        ? body.clone()
        : ClientErrors.body(client, status, new String(body, StandardCharsets.UTF_8).strip());
  }

  /** Sets the content headers of {@code body(client)} and then the configured header changes. */
  public void headers(HttpHeaders target, int contentLength) {
    target.setContentType(MediaType.APPLICATION_JSON);
    target.setContentLength(contentLength);
    target.remove(HttpHeaders.TRANSFER_ENCODING);
    HeaderModifiers.apply(headers, target);
  }

  /** Writes the rejection, unless the response already started. */
  public Mono<Void> write(ServerHttpResponse response, Dialect client) {
    if (response.isCommitted()) {
      return Mono.empty();
    }
    byte[] out = body(client);
    response.setStatusCode(HttpStatusCode.valueOf(status));
    headers(response.getHeaders(), out.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(out)));
  }

  private static boolean isJson(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return false;
    }
    try {
      WireJson.tree(text);
      return true;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** The error event that ends a stream in the client's format. */
  public String streamEvent(Dialect client) {
    String message = new String(body, StandardCharsets.UTF_8).strip();
    if (json) {
      // The user's own error JSON: its message, if it has one in either format.
      String inner = WireJson.tree(message).path("error").path("message").asString("");
      message = inner.isEmpty() ? "the answer was rejected by a response guard" : inner;
    }
    String type =
        client == Dialect.ANTHROPIC
            ? AnthropicErrorType.forStatus(status).type()
            : ClientErrors.openAiType(status);
    return ClientErrors.streamEvent(client, type, message);
  }
}
