/**
 * The LLM gateway at run time: compiled {@code ai} backends and policies ({@link
 * io.agw.gateway.llm.exchange.LlmBackend}, {@link io.agw.gateway.llm.exchange.AiAdjustments}), the
 * request-phase filter that validates and adjusts a request and plans its candidate providers
 * ({@link io.agw.gateway.llm.exchange.LlmRequestFilter}), the dispatch filter that translates,
 * authenticates and sends it, failing over between providers ({@link
 * io.agw.gateway.llm.exchange.LlmDispatchFilter}), the response decorator that translates bodies
 * and streams chunk by chunk, client-format errors, and GenAI telemetry. The body translations
 * themselves are the pure mappers of {@code io.agw.gateway.llm.provider}.
 */
package io.agw.gateway.llm.exchange;
