package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelExpression;
import java.util.List;

/**
 * One compiled descriptor of a rate limit service ({@code remoteRateLimit} with {@code host}).
 *
 * @param entries the entries' keys and the CEL expressions of their values
 * @param tokens whether it limits LLM tokens rather than requests
 * @param cost what one request adds (agentgateway's {@code cost}); null for the default
 * @param limitOverride the CEL expression of a limit to send; null for none
 */
record ServiceDescriptor(
    List<Limit.Key> entries, boolean tokens, CelExpression cost, CelExpression limitOverride) {}
