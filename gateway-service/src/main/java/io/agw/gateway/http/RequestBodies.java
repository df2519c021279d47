package io.agw.gateway.http;

import java.util.Arrays;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buffers a request body once per exchange for the policies that read it (CEL's {@code
 * request.body}, body transformations) and replays it to the next ones and to the upstream. A body
 * over {@link #MAX_BYTES} (or the port's {@link BufferLimit}) fails with {@code
 * DataBufferLimitException} (413). Stateless.
 */
public final class RequestBodies {

  /** The buffered body (byte[]) of the exchange, once read. */
  public static final String ATTRIBUTE = RequestBodies.class.getName() + ".body";

  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private RequestBodies() {}

  /**
   * The body bytes, read now or earlier; continue with the returned exchange, whose request replays
   * them.
   */
  public static Mono<ServerWebExchange> buffer(ServerWebExchange exchange) {
    byte[] cached = exchange.getAttribute(ATTRIBUTE);
    if (cached != null) {
      return Mono.just(exchange);
    }
    return DataBufferUtils.join(
            exchange.getRequest().getBody(), BufferLimit.of(exchange, MAX_BYTES))
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .map(bytes -> replace(exchange, bytes));
  }

  /** The exchange's buffered body, or null when no policy buffered it. */
  public static byte[] of(ServerWebExchange exchange) {
    return exchange.getAttribute(ATTRIBUTE);
  }

  /** An exchange whose request body is {@code bytes}, with Content-Length to match. */
  public static ServerWebExchange replace(ServerWebExchange exchange, byte[] bytes) {
    exchange.getAttributes().put(ATTRIBUTE, bytes);
    ServerHttpRequest original = exchange.getRequest();
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(original.getHeaders());
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    if (bytes.length > 0 || original.getHeaders().getContentLength() >= 0) {
      headers.setContentLength(bytes.length);
    }
    ServerHttpRequest request =
        new ServerHttpRequestDecorator(original) {
          @Override
          public HttpHeaders getHeaders() {
            return headers;
          }

          @Override
          public Flux<DataBuffer> getBody() {
            return Flux.defer(
                () ->
                    Mono.just(
                        exchange
                            .getResponse()
                            .bufferFactory()
                            .wrap(Arrays.copyOf(bytes, bytes.length))));
          }
        };
    return exchange.mutate().request(request).build();
  }
}
