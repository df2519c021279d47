package io.agw.gateway.ratelimit;

/**
 * The outcome of one bucket operation.
 *
 * @param allowed whether the request may go on
 * @param remaining tokens left after the operation (negative when usage ran past the limit)
 * @param waitMillis when refused: how long until the bucket can serve the request
 */
public record Decision(boolean allowed, long remaining, long waitMillis) {}
