/**
 * Google Gemini (AI Studio, {@code generativelanguage.googleapis.com}): the adapter (host, paths,
 * the {@code x-goog-api-key} header) and the pure mappers between OpenAI chat completions (and,
 * through them, Anthropic Messages) and Gemini's {@code generateContent}: requests, responses,
 * streams, errors and embeddings. Vertex AI reuses these mappers for Gemini models.
 */
package io.agw.gateway.llm.provider.gemini;
