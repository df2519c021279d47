/**
 * What one request is and did, as every feature may read it: the client API it called and the
 * {@link io.agw.gateway.exchange.Dialect} of its bodies, and for an LLM call the call record {@link
 * io.agw.gateway.exchange.LlmCall} with its {@link io.agw.gateway.exchange.TokenUsage}. The LLM
 * runtime writes the record; CEL, API keys' {@code allowedModels}, rate limits, the access log and
 * spans read it (through {@link io.agw.gateway.exchange.LlmFacts} or the record itself), and
 * providers record usage on it through {@link io.agw.gateway.exchange.UsageSink}.
 *
 * <p>Below every feature: it imports nothing of the gateway (ArchitectureTest), so the features
 * that read these facts never import the feature that writes them.
 */
package io.agw.gateway.exchange;
