package io.agw.gateway.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token usage of one LLM call as recorded for telemetry, whatever the dialect. Fields are null when
 * the upstream did not report them.
 *
 * @param inputTokens prompt tokens as the upstream counts them: for Anthropic {@code input_tokens}
 *     (cache reads and writes excluded), for OpenAI {@code prompt_tokens} (cached tokens included)
 * @param outputTokens generated tokens, reasoning included
 * @param totalTokens the upstream's total, or input plus output
 * @param cachedInputTokens prompt tokens read from the provider's cache
 * @param cacheCreationInputTokens prompt tokens written to the provider's cache
 * @param reasoningTokens the part of the output spent on reasoning, when reported separately
 * @param serviceTier the service tier that served the call
 * @param providerModel the model the upstream says it used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUsage(
    @JsonProperty("input_tokens") Long inputTokens,
    @JsonProperty("output_tokens") Long outputTokens,
    @JsonProperty("total_tokens") Long totalTokens,
    @JsonProperty("cached_input_tokens") Long cachedInputTokens,
    @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
    @JsonProperty("reasoning_tokens") Long reasoningTokens,
    @JsonProperty("service_tier") String serviceTier,
    @JsonProperty("provider_model") String providerModel) {

  /** Nothing reported yet. */
  public static final TokenUsage NONE =
      new TokenUsage(null, null, null, null, null, null, null, null);
}
