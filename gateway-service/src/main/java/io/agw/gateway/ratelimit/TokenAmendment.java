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
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The second half of a rate limit service's token descriptors: once the response has been written,
 * sends the token descriptors the service was asked about again with what the call really used (the
 * service's answer is ignored, as in agentgateway). Put on the response early (the LLM runtime
 * writes to the response it was given) and armed by {@link RateLimitServiceTokenFilter} once the
 * request passed. Safe to use from the threads of one exchange.
 */
final class TokenAmendment {

  private static final Logger log = LoggerFactory.getLogger(TokenAmendment.class);

  private record Pending(RateLimitService.Call call, OptionalLong estimate) {}

  private final RateLimitService service;
  private final AtomicReference<Pending> pending = new AtomicReference<>();
  private final AtomicBoolean sent = new AtomicBoolean();

  private TokenAmendment(RateLimitService service) {
    this.service = service;
  }

  private static String attribute(RateLimitService service) {
    return TokenAmendment.class.getName() + "@" + System.identityHashCode(service);
  }

  /** Puts an amendment for {@code service} on the exchange; the exchange to go on with. */
  static ServerWebExchange attach(ServerWebExchange exchange, RateLimitService service) {
    TokenAmendment amendment = new TokenAmendment(service);
    exchange.getAttributes().put(attribute(service), amendment);
    return exchange.mutate().response(amendment.new Amending(exchange)).build();
  }

  /** The amendment attached for {@code service}, or null. */
  static TokenAmendment of(ServerWebExchange exchange, RateLimitService service) {
    return exchange.getAttribute(attribute(service));
  }

  /** Arms the amendment with the request the service was asked and the prompt's estimate. */
  void pending(RateLimitService.Call call, OptionalLong estimate) {
    pending.set(new Pending(call, estimate));
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

    Amending(ServerWebExchange exchange) {
      super(exchange.getResponse());
      this.exchange = exchange;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return super.writeWith(body).doFinally(s -> send(exchange));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return super.writeAndFlushWith(body).doFinally(s -> send(exchange));
    }

    @Override
    public Mono<Void> setComplete() {
      return super.setComplete().doFinally(s -> send(exchange));
    }
  }

  private void send(ServerWebExchange exchange) {
    Pending p = pending.get();
    if (p == null || !sent.compareAndSet(false, true)) {
      return;
    }
    LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
    long rest = rest(p.estimate(), facts == null ? null : facts.usage());
    amended(p.call(), rest, CelContext.request(exchange, null))
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
