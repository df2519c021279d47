package io.agw.gateway.errorformat;

import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.LlmFacts.ClientApi;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends an exchange with a policy's refusal (401, 403, 429, 500) in the client's own error format:
 * OpenAI's or Anthropic's for LLM calls, the gateway's {@code {"error":{type,message,status}}}
 * otherwise. The LLM format is chosen from {@link LlmFacts} when the LLM runtime has set them, and
 * from the request path ({@code /v1/messages} is Anthropic, other {@code /v1/...} LLM endpoints are
 * OpenAI) when a policy refuses before the request was parsed. Stateless.
 */
public final class PolicyErrors {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PolicyErrors() {}

  /**
   * Exchange attribute marking a response the gateway wrote itself (a policy refusal): response
   * translators (the LLM front doors) pass it through as it is, since it is already in the client's
   * format.
   */
  public static final String LOCAL_RESPONSE_ATTRIBUTE = PolicyErrors.class.getName() + ".local";

  /** Writes the refusal; extra headers (WWW-Authenticate, Retry-After) are set by the caller. */
  public static Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String type, String message) {
    exchange.getAttributes().put(LOCAL_RESPONSE_ATTRIBUTE, Boolean.TRUE);
    var response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body = JSON.writeValueAsBytes(body(clientApi(exchange), status, type, message));
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /** The client's LLM API, or null for a plain HTTP client. */
  static ClientApi clientApi(ServerWebExchange exchange) {
    LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
    if (facts != null) {
      return facts.clientApi();
    }
    String path = exchange.getRequest().getPath().value();
    if (path.endsWith("/v1/messages") || path.endsWith("/v1/messages/count_tokens")) {
      return ClientApi.ANTHROPIC;
    }
    if (path.endsWith("/v1/chat/completions")
        || path.endsWith("/v1/responses")
        || path.endsWith("/v1/embeddings")
        || path.endsWith("/v1/completions")) {
      return ClientApi.OPENAI;
    }
    return null;
  }

  static Map<String, Object> body(ClientApi api, HttpStatus status, String type, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    if (api == ClientApi.OPENAI) {
      error.put("message", message);
      error.put("type", openAiType(status));
      error.put("param", null);
      error.put("code", type);
      return Map.of("error", error);
    }
    if (api == ClientApi.ANTHROPIC) {
      error.put("type", anthropicType(status));
      error.put("message", message);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "error");
      body.put("error", error);
      return body;
    }
    error.put("type", type);
    error.put("message", message);
    error.put("status", status.value());
    return Map.of("error", error);
  }

  private static String openAiType(HttpStatus status) {
    return switch (status.value()) {
      case 401 -> "invalid_request_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_exceeded";
      default -> "server_error";
    };
  }

  private static String anthropicType(HttpStatus status) {
    return switch (status.value()) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 429 -> "rate_limit_error";
      default -> "api_error";
    };
  }
}
