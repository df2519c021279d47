/**
 * Choosing a provider endpoint for an LLM call: per-endpoint load and health ({@link
 * io.agw.gateway.llm.balance.Endpoint}, kept across config states by {@link
 * io.agw.gateway.llm.balance.Endpoints}), power-of-two-choices over a peak EWMA of latency times
 * the requests in flight ({@link io.agw.gateway.llm.balance.P2cPicker}), and the order of attempts
 * of one request over priority groups with retries and ejected endpoints skipped ({@link
 * io.agw.gateway.llm.balance.AttemptSequence}). No I/O, no exchange: the clock and the random
 * source are passed in, so the behaviour is reproducible in tests.
 */
package io.agw.gateway.llm.balance;
