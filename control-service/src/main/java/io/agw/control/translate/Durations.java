package io.agw.control.translate;

import com.google.protobuf.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Gateway API durations ({@code 1h30m}, {@code 10s}, {@code 500ms}) as protobuf durations. */
final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException when {@code text} is not a Gateway API duration
   */
  static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a duration must not be empty");
    }
    Matcher m = PART.matcher(text);
    long millis = 0;
    int at = 0;
    while (m.lookingAt()) {
      long n = Long.parseLong(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "h" -> n * 3_600_000;
            case "m" -> n * 60_000;
            case "s" -> n * 1_000;
            default -> n;
          };
      at = m.end();
      m.region(at, text.length());
    }
    if (at != text.length()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 10s or 500ms");
    }
    return Duration.newBuilder()
        .setSeconds(millis / 1000)
        .setNanos((int) (millis % 1000) * 1_000_000)
        .build();
  }
}
