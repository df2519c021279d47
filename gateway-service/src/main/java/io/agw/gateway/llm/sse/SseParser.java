package io.agw.gateway.llm.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser for the server-sent events text framing (the WHATWG rules): lines end with
 * {@code \n}, {@code \r\n} or {@code \r}; {@code field: value} lines accumulate; a blank line
 * dispatches the event; lines starting with {@code :} are comments; an event without data lines is
 * not dispatched.
 *
 * <p>Input may be split anywhere: inside a line, between {@code \r} and {@code \n}, or (for {@link
 * #feed(byte[])}) inside a multi-byte UTF-8 character. Each call returns the events completed by
 * that input, so nothing is held back beyond the incomplete tail.
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class SseParser {

  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private byte[] pendingBytes = new byte[0];
  private boolean afterCr;
  private boolean hasData;
  private String eventName;

  /** Feeds decoded text; returns the events it completes. */
  public List<SseEvent> feed(CharSequence text) {
    List<SseEvent> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c == '\r';
      if (c == '\n' || c == '\r') {
        endLine(out);
      } else {
        line.append(c);
      }
    }
    return out;
  }

  /** Feeds UTF-8 bytes; an incomplete trailing character waits for the next call. */
  public List<SseEvent> feed(byte[] bytes) {
    byte[] all = concat(pendingBytes, bytes);
    int complete = completeUtf8Prefix(all);
    pendingBytes = Arrays.copyOfRange(all, complete, all.length);
    return feed(new String(all, 0, complete, StandardCharsets.UTF_8));
  }

  /**
   * Ends the input. An event whose data lines were not followed by a blank line is dispatched
   * anyway, because some upstreams close the connection without the final blank line.
   */
  public List<SseEvent> finish() {
    List<SseEvent> out = new ArrayList<>();
    if (pendingBytes.length > 0) {
      line.append(new String(pendingBytes, StandardCharsets.UTF_8));
      pendingBytes = new byte[0];
    }
    if (line.length() > 0) {
      endLine(out);
    }
    dispatch(out);
    return out;
  }

  private void endLine(List<SseEvent> out) {
    if (line.length() == 0) {
      dispatch(out);
      return;
    }
    String text = line.toString();
    line.setLength(0);
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("data")) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if (field.equals("event")) {
      eventName = value;
    }
    // id and retry matter to browsers reconnecting, not to a proxy translating one response.
  }

  private void dispatch(List<SseEvent> out) {
    if (hasData) {
      out.add(
          new SseEvent(
              eventName == null || eventName.isEmpty() ? null : eventName, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    eventName = null;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Length of the longest prefix of {@code bytes} that does not end inside a UTF-8 sequence. */
  static int completeUtf8Prefix(byte[] bytes) {
    int n = bytes.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue;
      }
      int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return needed > back ? n - back : n;
    }
    return n;
  }
}
