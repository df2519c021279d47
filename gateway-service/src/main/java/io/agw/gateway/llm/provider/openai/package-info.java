/**
 * OpenAI chat completions as the backend, for clients speaking Anthropic Messages: request,
 * response, stream and error mappers. All pure; the stream mapper is stateful and per request.
 */
package io.agw.gateway.llm.provider.openai;
