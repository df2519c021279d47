package io.agw.gateway.llm.guard;

import java.util.List;

/**
 * The body of Bedrock's ApplyGuardrail: where the content comes from ({@code INPUT} for prompts,
 * {@code OUTPUT} for answers) and one text block per text.
 */
record ApplyGuardrailRequest(String source, List<Content> content) {

  /** One content block. */
  record Content(Text text) {}

  /** A text block's text. */
  record Text(String text) {}

  static ApplyGuardrailRequest of(String source, List<String> texts) {
    return new ApplyGuardrailRequest(
        source, texts.stream().map(t -> new Content(new Text(t))).toList());
  }
}
