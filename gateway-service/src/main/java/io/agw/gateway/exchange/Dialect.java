package io.agw.gateway.exchange;

/**
 * A wire format of LLM bodies: the one a client's API speaks ({@link ClientApi#dialect()}, in which
 * its errors go back) and the one a provider speaks (providers of one dialect share its mappers).
 */
public enum Dialect {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  /** AWS Bedrock's Converse API (and model-specific bodies for embeddings). */
  BEDROCK
}
