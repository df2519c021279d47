package io.agw.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Prompt estimates with jtokkit: the encoding chosen per model family, and known strings with their
 * token ids as OpenAI's {@code tiktoken} gives them (the examples of OpenAI's cookbook "How to
 * count tokens with tiktoken").
 */
class PromptTokensTest {

  @Test
  void gpt4oAndNewerFamiliesUseO200kOthersCl100k() {
    for (String model :
        new String[] {"gpt-4o", "gpt-4o-mini", "GPT-4.1", "gpt-5", "o1", "o3-mini"}) {
      assertThat(PromptTokens.encoding(model).getName()).as(model).isEqualTo("o200k_base");
    }
    for (String model : new String[] {"gpt-4", "gpt-3.5-turbo", "claude-sonnet-4", "", "x"}) {
      assertThat(PromptTokens.encoding(model).getName()).as(model).isEqualTo("cl100k_base");
    }
    assertThat(PromptTokens.encoding(null).getName()).isEqualTo("cl100k_base");
  }

  @Test
  void knownStringsHaveTiktokensTokens() {
    assertThat(PromptTokens.encoding("gpt-4").encodeOrdinary("tiktoken is great!").toArray())
        .containsExactly(83, 1609, 5963, 374, 2294, 0);
    assertThat(PromptTokens.estimate("gpt-4", "tiktoken is great!")).isEqualTo(6);
    assertThat(PromptTokens.encoding("gpt-4o").encodeOrdinary("tiktoken is great!").toArray())
        .containsExactly(83, 8251, 2488, 382, 2212, 0);
    assertThat(PromptTokens.estimate("gpt-4o", "tiktoken is great!")).isEqualTo(6);
  }

  @Test
  void theEncodingsDifferOnOtherText() {
    String text = "Schöne Grüße aus München! 東京へようこそ。";
    long cl100k = PromptTokens.estimate("gpt-4", text);
    long o200k = PromptTokens.estimate("gpt-4o", text);
    assertThat(o200k).isLessThan(cl100k); // the larger vocabulary covers more languages
    assertThat(PromptTokens.estimate("gpt-4", "")).isZero();
    // Special-token text is counted as ordinary text, never as a control token.
    assertThat(PromptTokens.estimate("gpt-4", "<|endoftext|>")).isGreaterThan(1);
  }
}
