/**
 * One LLM call as every step sees it: {@code LlmCall} (what the request learned: API, models,
 * provider, usage, timing; read by logs, metrics and CEL) and {@code LlmErrors} (errors the gateway
 * writes in the client's format).
 */
package io.agw.gateway.llm.call;
