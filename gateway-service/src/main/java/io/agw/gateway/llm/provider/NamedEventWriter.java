package io.agw.gateway.llm.provider;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Writes each client event as one SSE event named by its type ({@code event: <type>}) with the
 * event's JSON as data, and nothing after the last: the framing of Anthropic Messages streams and
 * of OpenAI Responses streams. Stateless and thread-safe.
 *
 * @param <O> the client API's event type
 */
public final class NamedEventWriter<O> implements StreamWriter<O> {

  private static final NamedEventWriter<StreamEvent> MESSAGES =
      new NamedEventWriter<>(Dialect.ANTHROPIC, StreamEvent::type, DeltaText::of);
  private static final NamedEventWriter<ResponsesStreamEvent> RESPONSES =
      new NamedEventWriter<>(Dialect.OPENAI, ResponsesStreamEvent::type, DeltaText::of);

  private final Dialect client;
  private final Function<O, String> name;
  private final ToIntFunction<O> text;

  /**
   * @param client the client's dialect, for the error event of a failed stream
   * @param name the SSE event name of a client event (its {@code type})
   */
  public NamedEventWriter(Dialect client, Function<O, String> name) {
    this(client, name, event -> 0);
  }

  /**
   * @param text the characters of generated text a client event carries
   */
  public NamedEventWriter(Dialect client, Function<O, String> name, ToIntFunction<O> text) {
    this.client = client;
    this.name = name;
    this.text = text;
  }

  /** The writer of Anthropic Messages stream events. */
  public static NamedEventWriter<StreamEvent> messages() {
    return MESSAGES;
  }

  /** The writer of OpenAI Responses stream events, named by their {@code type} as OpenAI does. */
  public static NamedEventWriter<ResponsesStreamEvent> responses() {
    return RESPONSES;
  }

  @Override
  public Dialect client() {
    return client;
  }

  @Override
  public int text(O event) {
    return text.applyAsInt(event);
  }

  @Override
  public void write(O event, List<String> out) {
    out.add(SseWriter.write(new SseEvent(name.apply(event), WireJson.write(event))));
  }
}
