package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.exchange.LlmFacts;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code remoteRateLimit} with {@code host}, token descriptors on an LLM route, counted as
 * agentgateway counts them: once the LLM request is parsed, the service is asked with the prompt's
 * estimate as each descriptor's hits (0 without tokenization, 0 for a descriptor with its own
 * {@code cost}), and refuses with 429 as {@link RateLimitServiceFilter} does; once the response is
 * written, the same descriptors are sent again (the answer ignored) with the rest of the usage (the
 * reported input tokens minus the estimate, plus the output tokens; a descriptor is left out when
 * that is negative), or with their {@code cost} evaluated on the finished call. Does nothing on a
 * route without LLM facts. The amendment is sent by {@link TokenAmendment}, which {@link
 * RateLimitServiceFilter} puts on the response before the LLM runtime takes it. Immutable;
 * thread-safe.
 */
final class RateLimitServiceTokenFilter implements GatewayFilter {

  private final RateLimitService service;

  RateLimitServiceTokenFilter(RateLimitService service) {
    this.service = service;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
    if (facts == null) {
      return chain.filter(exchange);
    }
    OptionalLong estimate = facts.estimatedInputTokens();
    Optional<RateLimitService.Call> call =
        service.build(
            CelContext.request(exchange, null), true, OptionalLong.of(estimate.orElse(0)));
    if (call.isEmpty()) {
      return chain.filter(exchange);
    }
    TokenAmendment amendment = TokenAmendment.of(exchange, service);
    return RateLimitServiceFilter.ask(
        service,
        call.get(),
        exchange,
        e -> {
          if (amendment != null) {
            amendment.pending(call.get(), estimate);
          }
          return chain.filter(e);
        });
  }

  @Override
  public String toString() {
    return "RemoteRateLimitTokens[" + service + "]";
  }
}
