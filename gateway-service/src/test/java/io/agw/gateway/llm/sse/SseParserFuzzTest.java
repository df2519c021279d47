package io.agw.gateway.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the SSE parser: it never throws, and where the input is cut does not change the events
 * (the promise of {@link SseParser}: input may be split anywhere, even inside a UTF-8 character).
 *
 * <p>Input: the first byte is where the rest is cut in two (modulo its length + 1); the rest is the
 * stream. Seeds: {@code SseParserFuzzTestInputs/sameEventsWhereverCut}.
 */
class SseParserFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void sameEventsWhereverCut(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);
    int cut = Byte.toUnsignedInt(input[0]) % (stream.length + 1);

    SseParser whole = new SseParser();
    List<SseEvent> expected = new ArrayList<>(whole.feed(stream));
    expected.addAll(whole.finish());

    SseParser split = new SseParser();
    List<SseEvent> actual = new ArrayList<>(split.feed(Arrays.copyOfRange(stream, 0, cut)));
    actual.addAll(split.feed(Arrays.copyOfRange(stream, cut, stream.length)));
    actual.addAll(split.finish());

    assertThat(actual).isEqualTo(expected);
  }
}
