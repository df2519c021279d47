package io.agw.gateway.llm.sse;

/**
 * Writes server-sent events as text: an {@code event:} line when the event has a name, one {@code
 * data:} line per line of data, and a blank line. Stateless and thread-safe.
 */
public final class SseWriter {

  private SseWriter() {}

  /** The text of one event, ending with the blank line that dispatches it. */
  public static String write(SseEvent event) {
    StringBuilder out = new StringBuilder(event.data().length() + 32);
    if (event.event() != null) {
      out.append("event: ").append(event.event()).append('\n');
    }
    // A newline inside data would end the field, so each line gets its own data: prefix.
    for (String line : event.data().split("\r\n|\r|\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }
}
