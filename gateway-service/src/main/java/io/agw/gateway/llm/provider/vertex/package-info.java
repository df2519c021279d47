/**
 * Vertex AI: the adapter (regional hosts, project and region paths, Gemini and Anthropic
 * publishers), the envelope of Anthropic models ({@code rawPredict}), the {@code predict} form of
 * embeddings, and Google OAuth credentials for the upstream ({@link
 * io.agw.gateway.llm.provider.vertex.GoogleCredentials}). Gemini models reuse the Gemini mappers,
 * Anthropic models the Anthropic ones.
 */
package io.agw.gateway.llm.provider.vertex;
