package io.agw.gateway.llm.sse;

import java.util.Objects;

/**
 * One server-sent event: an optional {@code event} name and its {@code data} (data lines joined
 * with {@code \n}).
 *
 * @param event the event name, or null when the event had no {@code event:} line
 * @param data the data, never null
 */
public record SseEvent(String event, String data) {

  /** The data OpenAI sends as its last event. */
  public static final String DONE_DATA = "[DONE]";

  public SseEvent {
    Objects.requireNonNull(data, "data");
  }

  /** An event with data only. */
  public static SseEvent data(String data) {
    return new SseEvent(null, data);
  }

  /** The OpenAI end-of-stream marker {@code data: [DONE]}. */
  public static SseEvent done() {
    return data(DONE_DATA);
  }

  /** Whether this is the OpenAI end-of-stream marker. */
  public boolean isDone() {
    return DONE_DATA.equals(data.strip());
  }
}
