/**
 * The error format of the API a client speaks, which the policies and the LLM runtime both answer
 * in: {@link io.agw.gateway.errorformat.ClientErrorFormat} (set per exchange by the feature that
 * knows the API, used by the traffic ports' error handler) and {@link
 * io.agw.gateway.errorformat.PolicyErrors} (a policy's refusal as OpenAI, Anthropic or the
 * gateway's own JSON error). Reads {@code exchange} and nothing else of the gateway
 * (ArchitectureTest).
 */
package io.agw.gateway.errorformat;
