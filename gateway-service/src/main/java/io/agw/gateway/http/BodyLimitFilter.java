package io.agw.gateway.http;

import io.agw.model.resource.v1.BodyLimit;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buffers the request body up to a limit before forwarding ({@code buffer.request}). A body over
 * the limit is refused with 413 (fail closed) before any byte reaches the backend, whether its size
 * is declared by {@code Content-Length} or discovered while reading a chunked body. With fail open
 * the body is streamed through unbuffered.
 */
public final class BodyLimitFilter implements GatewayFilter {

  private final int maxBytes;
  private final boolean failOpen;

  public BodyLimitFilter(BodyLimit limit) {
    this.maxBytes = (int) Math.min(Integer.MAX_VALUE, limit.getMaxBytes());
    this.failOpen = limit.getFailOpen();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    long declared = request.getHeaders().getContentLength();
    if (declared > maxBytes) {
      return failOpen ? chain.filter(exchange) : Mono.error(tooLarge());
    }
    if (failOpen) {
      return chain.filter(exchange);
    }
    return DataBufferUtils.join(request.getBody(), maxBytes)
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
        .map(body -> withBody(exchange, body))
        .defaultIfEmpty(exchange)
        .flatMap(chain::filter);
  }

  private static ServerWebExchange withBody(ServerWebExchange exchange, DataBuffer body) {
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(exchange.getRequest().getHeaders());
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.setContentLength(body.readableByteCount());
    ServerHttpRequest decorated =
        new ServerHttpRequestDecorator(exchange.getRequest()) {
          @Override
          public HttpHeaders getHeaders() {
            return headers;
          }

          @Override
          public Flux<DataBuffer> getBody() {
            return Flux.just(body);
          }
        };
    return exchange.mutate().request(decorated).build();
  }

  private ResponseStatusException tooLarge() {
    return new ResponseStatusException(
        HttpStatus.CONTENT_TOO_LARGE, "request body exceeds " + maxBytes + " bytes");
  }

  @Override
  public String toString() {
    return "BodyLimit[" + maxBytes + (failOpen ? ", failOpen" : "") + "]";
  }
}
