/**
 * The answer of an LLM request on its way back: {@code LlmResponseFilter} and {@code
 * LlmResponseDecorator} translate bodies and streams (chunk by chunk) into the client's format,
 * record usage and end the call.
 */
package io.agw.gateway.llm.response;
