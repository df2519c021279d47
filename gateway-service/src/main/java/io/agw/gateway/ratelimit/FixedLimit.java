package io.agw.gateway.ratelimit;

/**
 * A limit on one named bucket, for limits that belong to the caller rather than to a route's policy
 * (see {@link RateLimitFilters#fixed}).
 *
 * @param bucket the bucket's name; callers that share it share the bucket
 * @param spec the bucket's shape
 * @param tokens whether the limit counts LLM tokens rather than requests
 * @param refusal the message of the 429 when the limit refuses a request
 */
public record FixedLimit(String bucket, BucketSpec spec, boolean tokens, String refusal) {}
