package io.agw.gateway.llm.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.agw.gateway.llm.provider.Translation;
import io.agw.gateway.llm.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes every request mapper (OpenAI, Anthropic, Gemini, Bedrock, Vertex, chat to and from
 * Responses) with arbitrary JSON, the way {@code LlmPlan} calls them: the client's body as a tree,
 * then {@link Translation#request} (and {@link Translation#stream} when it asks for a stream).
 *
 * <p>The contract: a body of the wrong shape is refused with a {@link JacksonException} (it does
 * not bind to the API's records) or an {@link IllegalArgumentException} (a value the API does not
 * take); the gateway answers both with a 400 in the client's format. Anything else (a
 * NullPointerException, a ClassCastException, a StackOverflowError) is a finding.
 *
 * <p>Input: the first byte picks the translation ({@link FuzzedTranslations#pick}), the rest is the
 * JSON body. Seeds: {@code TranslationRequestFuzzTestInputs/mapsOrRefuses}.
 */
class TranslationRequestFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void mapsOrRefuses(byte[] input) {
    if (input.length == 0) {
      return;
    }
    FuzzedTranslations.Named named = FuzzedTranslations.pick(input[0]);
    String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    ObjectNode body;
    try {
      JsonNode tree = WireJson.tree(text);
      if (!(tree instanceof ObjectNode object)) {
        return;
      }
      body = object;
    } catch (JacksonException notJson) {
      return;
    }
    try {
      if (body.path("stream").asBoolean(false)) {
        assertThat(named.translation().stream(body.deepCopy())).isNotNull();
      }
      byte[] upstream = named.translation().request(body);
      assertThat(upstream).as(named.name()).isNotNull();
    } catch (JacksonException | IllegalArgumentException refused) {
      // The documented refusals.
    }
  }
}
