/**
 * Anthropic Messages as the backend, for clients speaking OpenAI chat completions: request,
 * response, stream and error mappers. All pure; the stream mapper is stateful and per request.
 */
package io.agw.gateway.llm.provider.anthropic;
