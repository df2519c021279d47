package io.agw.gateway.a2a;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response of an A2A JSON-RPC call, shown chunk by chunk to an {@link A2aCallObserver} on its
 * way to the client. Nothing is buffered or delayed: each chunk is passed on as it arrives, so SSE
 * streams stay streams. One instance per exchange.
 */
final class A2aCallResponse extends ServerHttpResponseDecorator {

  private final A2aCallObserver observer;

  A2aCallResponse(ServerHttpResponse delegate, A2aCallObserver observer) {
    super(delegate);
    this.observer = observer;
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    observer.responseStarted(getStatusCode(), getHeaders().getContentType());
    return super.writeWith(observed(Flux.from(body)));
  }

  @Override
  public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
    observer.responseStarted(getStatusCode(), getHeaders().getContentType());
    Flux<Flux<DataBuffer>> chunks =
        Flux.from(body).map(p -> Flux.<DataBuffer>from(p).doOnNext(observer::responseChunk));
    return super.writeAndFlushWith(
        chunks
            .doOnComplete(() -> observer.completed(getStatusCode()))
            .doOnError(e -> observer.failed())
            .doOnCancel(observer::cancelled));
  }

  private Flux<DataBuffer> observed(Flux<? extends DataBuffer> body) {
    return Flux.<DataBuffer>from(body)
        .doOnNext(observer::responseChunk)
        .doOnComplete(() -> observer.completed(getStatusCode()))
        .doOnError(e -> observer.failed())
        .doOnCancel(observer::cancelled);
  }
}
