package io.agw.gateway.ratelimit;

import com.google.protobuf.UInt64Value;
import io.agw.gateway.cel.CelContext;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
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
 * route without LLM facts. Immutable; thread-safe.
 */
final class RateLimitServiceTokenFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimitServiceTokenFilter.class);

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
    return RateLimitServiceFilter.ask(
        service,
        call.get(),
        exchange,
        e -> chain.filter(e.mutate().response(new Amending(e, call.get(), estimate)).build()));
  }

  /**
   * The tokens still to count once the call is done: the reported input minus what was estimated
   * (all of it without an estimate; nothing when unreported), plus the output.
   */
  static long rest(OptionalLong estimate, TokenUsage usage) {
    long output = usage == null || usage.outputTokens() == null ? 0 : usage.outputTokens();
    if (usage == null || usage.inputTokens() == null) {
      return output;
    }
    long input = usage.inputTokens();
    return (estimate.isPresent() ? input - estimate.getAsLong() : input) + output;
  }

  /** The request sent after the call, or empty when no descriptor is left. */
  static Optional<RateLimitRequest> amended(
      RateLimitService.Call call, long rest, CelContext finished) {
    RateLimitRequest.Builder out = call.request().toBuilder().clearDescriptors();
    for (int i = 0; i < call.descriptors().size(); i++) {
      ServiceDescriptor d = call.descriptors().get(i);
      long hits;
      if (d.cost() != null) {
        OptionalLong cost = RateLimitService.unsigned(finished, d.cost());
        if (cost.isEmpty()) {
          continue;
        }
        hits = cost.getAsLong();
      } else if (rest < 0) {
        // A negative amendment cannot be sent (hits are unsigned), as in agentgateway.
        continue;
      } else {
        hits = rest;
      }
      RateLimitDescriptor sent = call.request().getDescriptors(i);
      out.addDescriptors(sent.toBuilder().setHitsAddend(UInt64Value.of(hits)));
    }
    return out.getDescriptorsCount() == 0 ? Optional.empty() : Optional.of(out.build());
  }

  /** Sends the amendment once the response body has been written (or the exchange ended). */
  private final class Amending extends ServerHttpResponseDecorator {
    private final ServerWebExchange exchange;
    private final RateLimitService.Call call;
    private final OptionalLong estimate;
    private final AtomicBoolean sent = new AtomicBoolean();

    Amending(ServerWebExchange exchange, RateLimitService.Call call, OptionalLong estimate) {
      super(exchange.getResponse());
      this.exchange = exchange;
      this.call = call;
      this.estimate = estimate;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return super.writeWith(body).doFinally(s -> amend());
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return super.writeAndFlushWith(body).doFinally(s -> amend());
    }

    @Override
    public Mono<Void> setComplete() {
      return super.setComplete().doFinally(s -> amend());
    }

    private void amend() {
      if (!sent.compareAndSet(false, true)) {
        return;
      }
      LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
      long rest = rest(estimate, facts == null ? null : facts.usage());
      amended(call, rest, CelContext.request(exchange, null))
          .ifPresent(
              request ->
                  service
                      .call(request)
                      .subscribe(
                          r -> {},
                          e ->
                              log.warn(
                                  "cannot send the token usage to the rate limit service: {}",
                                  e.toString())));
    }
  }

  @Override
  public String toString() {
    return "RemoteRateLimitTokens[" + service + "]";
  }
}
