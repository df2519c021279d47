package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.model.resource.v1.BackendTls;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * One JSON POST endpoint of a guard service: the client for its scheme and {@code backendTLS}
 * (system trust for https when none is set) and the headers every call sends. Failures name the
 * guard and the status, never the texts sent or the credentials. Thread-safe.
 */
final class GuardServiceCall {

  /** Answers larger than this are refused rather than buffered. */
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final String kind;
  private final HttpClient client;
  private final Map<String, String> headers;

  /**
   * @param tls the guard's {@code backendTLS}, or null for the system trust store
   */
  GuardServiceCall(
      String kind, String baseUrl, BackendTls tls, Map<String, String> headers, GuardServices s) {
    this.kind = kind;
    this.headers = Map.copyOf(headers);
    if (baseUrl.startsWith("https://")) {
      this.client = s.clients().secured(tls == null ? BackendTls.getDefaultInstance() : tls);
    } else {
      this.client = s.clients().plain();
    }
  }

  /** POSTs {@code body} as JSON to {@code url} and reads the JSON answer of a 2xx status. */
  Mono<JsonNode> post(String url, Object body) {
    return post(url, body, Map.of());
  }

  /**
   * As {@link #post(String, Object)}, with {@code perCall} headers (a fresh token) set after the
   * fixed ones.
   */
  Mono<JsonNode> post(String url, Object body, Map<String, String> perCall) {
    byte[] bytes = WireJson.write(body).getBytes(StandardCharsets.UTF_8);
    return client
        .headers(
            h -> {
              h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
              h.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
              headers.forEach(h::set);
              perCall.forEach(h::set);
            })
        .post()
        .uri(url)
        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
        .responseSingle(
            (response, content) ->
                content
                    .asByteArray()
                    .defaultIfEmpty(new byte[0])
                    .flatMap(
                        answer -> {
                          int status = response.status().code();
                          if (status < 200 || status > 299) {
                            return Mono.error(
                                new GuardServiceException(kind + " service answered " + status));
                          }
                          if (answer.length > MAX_ANSWER_BYTES) {
                            return Mono.error(
                                new GuardServiceException(kind + " service answer is too large"));
                          }
                          try {
                            return Mono.just(
                                WireJson.tree(new String(answer, StandardCharsets.UTF_8)));
                          } catch (RuntimeException e) {
                            return Mono.error(
                                new GuardServiceException(kind + " service answer is not JSON"));
                          }
                        }));
  }

  /** A guard service failed; the message holds no texts and no credentials. */
  static final class GuardServiceException extends RuntimeException {
    GuardServiceException(String message) {
      super(message, null, false, false);
    }
  }
}
