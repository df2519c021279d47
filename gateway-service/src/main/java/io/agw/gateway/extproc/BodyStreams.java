package io.agw.gateway.extproc;

import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Full-duplex bodies: every chunk goes to the processing service as it arrives, and the chunks the
 * service streams back are the body that goes on. Nothing is buffered beyond one chunk. Stateless.
 */
final class BodyStreams {

  private BodyStreams() {}

  /**
   * Sends {@code body} to the service chunk by chunk once {@code ready} completes, then an empty
   * chunk that ends it; {@code taken} runs when {@code body} is subscribed. A body that fails
   * cancels the stream.
   */
  static Disposable send(
      Publisher<? extends DataBuffer> body, Side side, ProcessingStream stream, Runnable taken) {
    return stream
        .ready()
        .thenMany(
            Flux.defer(
                () -> {
                  taken.run();
                  return Flux.from(body);
                }))
        .map(BodyStreams::bytes)
        .doOnNext(bytes -> side.body(bytes, false))
        .then(Mono.fromRunnable(() -> side.body(new byte[0], true)))
        .subscribe(null, e -> stream.cancel());
  }

  /** The body the service streams back, read from {@code next} until its last chunk. */
  static Flux<DataBuffer> receive(Supplier<Mono<ProcessingResponse>> next, DataBufferFactory f) {
    return Mono.defer(next)
        .repeat()
        .map(Answers::streamed)
        .takeUntil(Answers.Chunk::last)
        .filter(c -> c.bytes().length > 0)
        .map(c -> f.wrap(c.bytes()));
  }

  static byte[] bytes(DataBuffer buffer) {
    byte[] bytes = new byte[buffer.readableByteCount()];
    buffer.read(bytes);
    DataBufferUtils.release(buffer);
    return bytes;
  }
}
