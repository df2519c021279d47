/**
 * Governance of LLM spend: the model catalog and the cost of each call ({@code cost}), the usage
 * store that records every call ({@code store}), virtual keys ({@code keys}) and budgets ({@code
 * budget}). The request path never waits on the database: keys and budgets are cached in memory,
 * records are written in batches off the request path, and budget reservations are settled in
 * memory and flushed.
 */
package io.agw.gateway.usage;
