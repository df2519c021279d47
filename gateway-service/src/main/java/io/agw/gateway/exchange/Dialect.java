package io.agw.gateway.exchange;

/** The wire format a provider speaks; providers of one dialect share its mappers. */
public enum Dialect {
  OPENAI,
  ANTHROPIC,
  GEMINI,
  /** AWS Bedrock's Converse API (and model-specific bodies for embeddings). */
  BEDROCK
}
