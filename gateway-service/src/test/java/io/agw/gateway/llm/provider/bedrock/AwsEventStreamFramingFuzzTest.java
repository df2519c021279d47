package io.agw.gateway.llm.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agw.gateway.llm.sse.SseEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the AWS event-stream decoder (Bedrock's ConverseStream framing) with arbitrary bytes. The
 * contract: a frame that is not one (bad lengths, bad CRC, bad headers) is refused with an {@link
 * IllegalArgumentException} or {@link IllegalStateException}, which ends the stream with the
 * client's error event; nothing else escapes, and decoded events always have a name.
 *
 * <p>Input: the first byte is where the rest is cut in two (modulo its length + 1); the rest is the
 * upstream bytes. Seeds: {@code AwsEventStreamFramingFuzzTestInputs/decodesOrRefuses}.
 */
class AwsEventStreamFramingFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void decodesOrRefuses(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);
    int cut = Byte.toUnsignedInt(input[0]) % (stream.length + 1);
    AwsEventStreamFraming framing = new AwsEventStreamFraming();
    List<SseEvent> events = new ArrayList<>();
    try {
      events.addAll(framing.feed(Arrays.copyOfRange(stream, 0, cut)));
      events.addAll(framing.feed(Arrays.copyOfRange(stream, cut, stream.length)));
      events.addAll(framing.finish());
    } catch (IllegalArgumentException | IllegalStateException refused) {
      // A corrupt frame: the documented refusal.
    }
    assertThat(events).allSatisfy(e -> assertThat(e.event()).isNotNull());
  }
}
