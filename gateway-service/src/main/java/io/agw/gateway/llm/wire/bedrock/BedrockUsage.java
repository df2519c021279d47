package io.agw.gateway.llm.wire.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token usage. {@code inputTokens} excludes the tokens read from or written to the prompt cache,
 * which are counted separately; {@code totalTokens} includes them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BedrockUsage(
    Long inputTokens,
    Long outputTokens,
    Long totalTokens,
    Long cacheReadInputTokens,
    Long cacheWriteInputTokens) {}
