package io.agw.gateway.llm.guard;

import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a remote guard may read besides the texts: the client's exchange (its request headers, for
 * {@code forwardHeaderMatches} and CEL expressions over {@code request.*} and {@code jwt.*}) and
 * the client's parsed LLM request (CEL's {@code llmRequest}) as it was when the request guards ran.
 * Do not change either.
 */
public record GuardContext(ServerWebExchange exchange, ObjectNode llmRequest) {}
