package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import java.util.List;

/**
 * A Bedrock ConverseStream (binary event-stream frames) translated event by event by a {@link
 * ConverseStreamMapper}, ending when Converse says the message is complete. Subclasses say how one
 * client event is written as SSE. One instance per response; not thread-safe.
 *
 * @param <E> the client API's event type
 */
abstract class ConverseEventStream<E> extends StreamTranslator {

  private final ConverseStreamMapper<E> mapper;

  ConverseEventStream(Dialect client, ConverseStreamMapper<E> mapper) {
    super(client, new AwsEventStreamFraming());
    this.mapper = mapper;
  }

  /** One client event as an SSE event. */
  abstract String sse(E event);

  @Override
  public final TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected final void onEvent(SseEvent event, List<String> out) {
    write(mapper.map(BedrockStreamEvents.parse(event)), out);
    if (mapper.stopped()) {
      complete();
    }
  }

  @Override
  protected final void finish(List<String> out) {
    write(mapper.finish(), out);
  }

  private void write(List<E> events, List<String> out) {
    for (E e : events) {
      out.add(sse(e));
    }
  }
}
