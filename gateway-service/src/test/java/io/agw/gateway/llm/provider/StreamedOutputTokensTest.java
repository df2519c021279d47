package io.agw.gateway.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.llm.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running estimate of streamed output tokens (text characters / 4, rounded up) over recorded
 * streams: the same count whether the events are forwarded as they are or translated to another
 * client API, and growing as the stream goes.
 */
class StreamedOutputTokensTest {

  /** The text deltas of the recorded Anthropic stream: "Hi there! How are ... help you with?". */
  private static final int ANTHROPIC_TEXT = 17 + 17 + 3 + 26 + 10;

  @Test
  void anAnthropicStreamCountsItsTextDeltasForAnthropicAndOpenAiClients() throws IOException {
    byte[] recorded = fixture("response/anthropic/stream_basic.json");

    StreamTranslator forwarded =
        StreamingClients.translator(ClientApi.MESSAGES, Dialect.ANTHROPIC, "claude", false);
    StreamTranslator translated =
        StreamingClients.translator(ClientApi.COMPLETIONS, Dialect.ANTHROPIC, "claude", true);

    assertThat(feed(forwarded, recorded)).isEqualTo((ANTHROPIC_TEXT + 3) / 4);
    assertThat(feed(translated, recorded)).isEqualTo((ANTHROPIC_TEXT + 3) / 4);
  }

  @Test
  void anOpenAiStreamCountsItsContentAsItArrives() throws IOException {
    byte[] recorded = fixture("response/completions/stream.json");
    int text = 0;
    for (String line : new String(recorded, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data: {")) {
        for (JsonNode choice : WireJson.tree(line.substring(6)).path("choices")) {
          text += choice.path("delta").path("content").asString("").length();
        }
      }
    }
    StreamTranslator stream =
        StreamingClients.translator(ClientApi.COMPLETIONS, Dialect.OPENAI, "gpt", true);

    stream.onBytes(Arrays.copyOf(recorded, recorded.length / 2));
    long halfway = stream.streamedOutputTokens();
    long atEnd = feed(stream, Arrays.copyOfRange(recorded, recorded.length / 2, recorded.length));

    assertThat(text).isPositive();
    assertThat(halfway).isPositive().isLessThan(atEnd);
    assertThat(atEnd).isEqualTo((text + 3) / 4);
  }

  private static long feed(StreamTranslator stream, byte[] bytes) {
    stream.onBytes(bytes);
    stream.onEnd();
    return stream.streamedOutputTokens();
  }

  private static byte[] fixture(String path) throws IOException {
    try (InputStream in = StreamedOutputTokensTest.class.getResourceAsStream("/llm/" + path)) {
      return in.readAllBytes();
    }
  }
}
