package io.agw.model.config.mapping;

import com.google.protobuf.Duration;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as agentgateway writes them: one or more number-unit pairs such as {@code 10s},
 * {@code 500ms}, {@code 1m30s}, {@code 1.5s}, {@code 2h} (units {@code ns}, {@code us}, {@code ms},
 * {@code s}, {@code m}, {@code h}), or a bare number meaning seconds.
 */
final class Durations {

  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
  // The largest value google.protobuf.Duration can hold (10,000 years).
  private static final long MAX_SECONDS = 315_576_000_000L;

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message for the user when the text is not a duration
   */
  static Duration parse(String text) {
    String trimmed = text.trim();
    BigDecimal nanos;
    if (NUMBER.matcher(trimmed).matches()) {
      nanos = new BigDecimal(trimmed).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get("s")));
    } else {
      nanos = BigDecimal.ZERO;
      Matcher m = PART.matcher(trimmed);
      int end = 0;
      while (m.lookingAt()) {
        nanos =
            nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2)))));
        end = m.end();
        m.region(end, trimmed.length());
      }
      if (end == 0 || end != trimmed.length()) {
        throw new IllegalArgumentException(
            "invalid duration '"
                + text
                + "'; use a number with a unit (ns, us, ms, s, m, h) such as 500ms, 10s, 1m30s"
                + " or 2h, or a number of seconds");
      }
    }
    BigInteger[] secondsAndNanos = nanos.toBigInteger().divideAndRemainder(NANOS_PER_SECOND);
    if (secondsAndNanos[0].compareTo(BigInteger.valueOf(MAX_SECONDS)) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is too long");
    }
    return Duration.newBuilder()
        .setSeconds(secondsAndNanos[0].longValueExact())
        .setNanos(secondsAndNanos[1].intValueExact())
        .build();
  }

  private static long unit(String name) {
    return NANOS_PER_UNIT.get(name);
  }
}
