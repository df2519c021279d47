package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.sse.SseEvent;
import java.util.List;

/**
 * An upstream stream translated into another API's stream, event by event, by three parts: the
 * upstream dialect's {@link StreamDecoder} (framing, end marker, reading an event and the errors in
 * it), a {@link StreamMapper} for the (upstream dialect, client API) pair, and the client API's
 * {@link StreamWriter}. Every translated stream is one of these; only a stream that forwards the
 * upstream's events unchanged is its own {@link StreamTranslator}.
 *
 * <p>Per upstream event: the end marker completes the stream (with the mapper's {@link
 * StreamMapper#end} events); any other event is decoded, mapped and written, and the stream is
 * complete once the mapper says so. When the upstream ends after that, the mapper's {@link
 * StreamMapper#finish} events and the writer's end follow. Failures and truncation are {@link
 * StreamTranslator}'s.
 *
 * <p>Lifecycle: one instance per response, fed in order from one subscriber; not thread-safe.
 *
 * @param <I> the upstream's decoded event type
 * @param <O> the client API's event type
 */
public final class MappedStream<I, O> extends StreamTranslator {

  private final StreamDecoder<I> decoder;
  private final StreamMapper<I, O> mapper;
  private final StreamWriter<O> writer;

  /**
   * @param decoder the upstream dialect's decoder
   * @param mapper a new mapper for this response
   * @param writer the client API's writer
   */
  public MappedStream(StreamDecoder<I> decoder, StreamMapper<I, O> mapper, StreamWriter<O> writer) {
    super(writer.client(), decoder.framing());
    this.decoder = decoder;
    this.mapper = mapper;
    this.writer = writer;
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    if (decoder.isEnd(event)) {
      write(mapper.end(), out);
      complete();
      return;
    }
    write(mapper.map(decoder.decode(event)), out);
    if (mapper.complete()) {
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    write(mapper.finish(), out);
    writer.finish(out);
  }

  private void write(List<O> events, List<String> out) {
    for (O event : events) {
      writer.write(event, out);
      streamed(writer.text(event));
    }
  }
}
