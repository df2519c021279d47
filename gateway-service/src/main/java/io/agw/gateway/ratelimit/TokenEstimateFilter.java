package io.agw.gateway.ratelimit;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.ratelimit.RateLimitFilter.Applied;
import java.util.OptionalLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Charges a prompt's estimated size to the token limits up front, once the LLM runtime has parsed
 * the request and estimated it ({@link LlmFacts#estimatedInputTokens()}): a prompt larger than what
 * a bucket holds is refused with 429 before it reaches the provider. The rest of the usage is
 * charged after the response. Does nothing without an estimate. Stateless; thread-safe.
 */
public final class TokenEstimateFilter implements GatewayFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    TokenCharges charges = exchange.getAttribute(TokenCharges.ATTRIBUTE);
    LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
    if (charges == null || facts == null) {
      return chain.filter(exchange);
    }
    OptionalLong estimate = facts.estimatedInputTokens();
    if (estimate.isEmpty() || estimate.getAsLong() <= 0) {
      return chain.filter(exchange);
    }
    long tokens = estimate.getAsLong();
    // Limits with their own cost expression are charged it after the call, not in tokens now.
    return Flux.fromIterable(charges.limits())
        .filter(a -> a.limit().cost() == null)
        .concatMap(a -> take(a, tokens))
        .all(Boolean::booleanValue)
        .flatMap(
            ok -> {
              if (ok) {
                charges.prepaid(tokens);
                return chain.filter(exchange);
              }
              exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
              return PolicyErrors.write(
                  exchange,
                  HttpStatus.TOO_MANY_REQUESTS,
                  "rate_limited",
                  "the prompt needs more tokens than the rate limit has left");
            });
  }

  private static Mono<Boolean> take(Applied a, long tokens) {
    return a.limit()
        .store()
        .apply(a.bucket(), a.limit().spec(), tokens, BucketStore.Op.TAKE)
        .map(Decision::allowed)
        .onErrorReturn(a.limit().failOpen());
  }

  @Override
  public String toString() {
    return "TokenEstimate";
  }
}
