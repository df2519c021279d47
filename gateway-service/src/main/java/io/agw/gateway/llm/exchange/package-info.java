/**
 * The LLM gateway at run time: compiled {@code ai} backends and policies ({@link
 * io.agw.gateway.llm.exchange.LlmBackend}, {@link io.agw.gateway.llm.exchange.AiAdjustments}), the
 * request-phase filter that validates, adjusts, translates and authenticates a request ({@link
 * io.agw.gateway.llm.exchange.LlmRequestFilter}), the response decorator that translates bodies and
 * streams chunk by chunk, client-format errors, and GenAI telemetry. The body translations
 * themselves are the pure mappers of {@code io.agw.gateway.llm.provider}.
 */
package io.agw.gateway.llm.exchange;
