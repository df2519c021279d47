package io.agw.gateway.usage.store;

import java.util.Map;

/**
 * One row of a {@link SpendQuery}'s answer: the values of its group and the sums of its records.
 * Token sums count only the records that reported that kind of token; the cost sums only the priced
 * records and is null when none was.
 *
 * @param group the value of each grouped dimension by its API name (null for a record without it)
 */
public record SpendRow(
    Map<String, String> group,
    long requests,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    long cacheWriteTokens,
    long reasoningTokens,
    long totalTokens,
    Double costUsd) {}
