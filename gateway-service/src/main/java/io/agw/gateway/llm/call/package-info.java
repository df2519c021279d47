/**
 * Errors on LLM routes as every step writes them: {@code LlmErrors} (errors the gateway raises, in
 * the client's format). The record of the call itself, {@code LlmCall}, is in {@code
 * io.agw.gateway.exchange}, where the policies and telemetry read it.
 */
package io.agw.gateway.llm.call;
