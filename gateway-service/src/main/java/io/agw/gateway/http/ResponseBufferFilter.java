package io.agw.gateway.http;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.model.resource.v1.BodyLimit;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code buffer.response} policy: the backend's whole response body is read before anything is
 * sent to the client, up to {@code maxBytes}. Over the limit, {@code failClosed} answers 502 (as
 * agentgateway does, here with the gateway's JSON error) and {@code failOpen} sends what was
 * buffered and streams the rest. A 101 (protocol switch) is never buffered. Immutable; thread-safe.
 */
public final class ResponseBufferFilter implements GatewayFilter {

  private final BodyLimit limit;

  public ResponseBufferFilter(BodyLimit limit) {
    this.limit = limit;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return chain.filter(exchange.mutate().response(new Buffering(exchange)).build());
  }

  private final class Buffering extends ServerHttpResponseDecorator {

    private final ServerWebExchange exchange;

    Buffering(ServerWebExchange exchange) {
      super(exchange.getResponse());
      this.exchange = exchange;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      if (HttpStatus.SWITCHING_PROTOCOLS.equals(getDelegate().getStatusCode())) {
        return getDelegate().writeWith(body);
      }
      long max = limit.getMaxBytes();
      Flux<DataBuffer> all = Flux.from(body);
      if (limit.getFailOpen()) {
        // Hold back the first max bytes (or the whole body if smaller), then stream the rest: once
        // the limit is reached, every further buffer is its own batch.
        long[] seen = {0};
        return getDelegate()
            .writeWith(
                all.bufferUntil(b -> (seen[0] += b.readableByteCount()) >= max)
                    .concatMapIterable(batch -> batch));
      }
      return DataBufferUtils.join(all, (int) Math.min(Integer.MAX_VALUE, max))
          .map(joined -> (Publisher<DataBuffer>) Mono.just(joined))
          .defaultIfEmpty(Flux.empty())
          .flatMap(getDelegate()::writeWith)
          .onErrorResume(DataBufferLimitException.class, e -> tooLarge());
    }

    private Mono<Void> tooLarge() {
      getDelegate().getHeaders().clear();
      return PolicyErrors.write(
          exchange.mutate().response(getDelegate()).build(),
          HttpStatus.BAD_GATEWAY,
          "response_too_large",
          "the backend's response body is larger than buffer.response.maxBytes ("
              + limit.getMaxBytes()
              + " bytes)");
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return writeWith(Flux.from(body).flatMapSequential(p -> p));
    }
  }

  @Override
  public String toString() {
    return "ResponseBuffer[" + limit.getMaxBytes() + (limit.getFailOpen() ? ", failOpen]" : "]");
  }
}
