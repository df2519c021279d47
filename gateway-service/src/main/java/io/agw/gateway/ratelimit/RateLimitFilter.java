package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.exchange.LlmFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code localRateLimit} and {@code remoteRateLimit}: request limits take one token per request
 * before it goes on; token limits let a request through while the bucket is above zero and charge
 * the LLM usage once the response has been written (minus any estimate charged up front by {@link
 * TokenEstimateFilter}). A refused request gets 429 with {@code retry-after}, in the client's error
 * format; every answer carries {@code x-ratelimit-limit}, {@code -remaining} and {@code -reset} of
 * the tightest limit. Must run before {@code NettyWriteResponseFilter} to see the end of the
 * response. Immutable; thread-safe.
 */
public final class RateLimitFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

  private final List<Limit> limits;
  private final boolean firstMatch;

  RateLimitFilter(List<Limit> limits, boolean firstMatch) {
    this.limits = List.copyOf(limits);
    this.firstMatch = firstMatch;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    CelContext context = CelContext.request(exchange, null);
    List<Applied> applied = new ArrayList<>();
    for (Limit limit : limits) {
      if (limit.condition() != null && !limit.condition().test(context)) {
        continue;
      }
      Optional<String> bucket = limit.bucket(context);
      // A request limit takes its cost now; a token limit only checks and is charged after.
      OptionalLong take = limit.tokens() ? OptionalLong.of(1) : limit.amount(context, 1);
      if (bucket.isPresent() && take.isPresent()) {
        applied.add(new Applied(limit, hashed(bucket.get()), take.getAsLong()));
      }
      if (firstMatch) {
        break;
      }
    }
    if (applied.isEmpty()) {
      return chain.filter(exchange);
    }
    return Flux.fromIterable(applied)
        .concatMap(a -> check(a).map(d -> new Checked(a, d)))
        .takeUntil(c -> !c.decision().allowed())
        .collectList()
        .flatMap(checked -> proceed(exchange, chain, checked));
  }

  private Mono<Decision> check(Applied a) {
    Limit l = a.limit();
    BucketStore.Op op = l.tokens() ? BucketStore.Op.CHECK : BucketStore.Op.TAKE;
    return l.store()
        .apply(a.bucket(), l.spec(), a.take(), op)
        .onErrorResume(
            e -> {
              log.warn(
                  "rate limit store unavailable ({}): {}",
                  l.failOpen() ? "fail open" : "fail closed",
                  e.toString());
              return Mono.just(l.failOpen() ? OPEN : CLOSED);
            });
  }

  private Mono<Void> proceed(
      ServerWebExchange exchange, GatewayFilterChain chain, List<Checked> checked) {
    Checked last = checked.get(checked.size() - 1);
    if (last.decision() == CLOSED) {
      return PolicyErrors.write(
          exchange,
          HttpStatus.INTERNAL_SERVER_ERROR,
          "rate_limit_unavailable",
          "the rate limit service is unavailable");
    }
    HttpHeaders headers = exchange.getResponse().getHeaders();
    Checked tightest =
        checked.stream()
            .filter(c -> c.decision() != OPEN)
            .min(java.util.Comparator.comparingLong(c -> c.decision().remaining()))
            .orElse(null);
    if (tightest != null) {
      BucketSpec spec = tightest.applied().limit().spec();
      headers.set("x-ratelimit-limit", Long.toString(spec.maxTokens()));
      headers.set(
          "x-ratelimit-remaining", Long.toString(Math.max(0, tightest.decision().remaining())));
      headers.set(
          "x-ratelimit-reset",
          Long.toString(
              seconds(Math.max(tightest.decision().waitMillis(), spec.fillIntervalMillis()))));
    }
    if (!last.decision().allowed()) {
      headers.set(
          HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(last.decision().waitMillis())));
      headers.set("x-ratelimit-reset", Long.toString(seconds(last.decision().waitMillis())));
      String refusal = last.applied().limit().refusal();
      return PolicyErrors.write(
          exchange,
          HttpStatus.TOO_MANY_REQUESTS,
          "rate_limited",
          refusal == null ? "rate limit exceeded; retry later" : refusal);
    }
    List<Applied> tokenLimits =
        checked.stream().map(Checked::applied).filter(a -> a.limit().tokens()).toList();
    if (tokenLimits.isEmpty()) {
      return chain.filter(exchange);
    }
    TokenCharges charges = TokenCharges.attach(exchange, tokenLimits);
    return chain.filter(exchange.mutate().response(new Settling(exchange, charges)).build());
  }

  /** Whole seconds, rounded up: a client waiting that long finds the bucket refilled. */
  static long seconds(long millis) {
    return (millis + 999) / 1000;
  }

  /** {@code Retry-After} of a refusal: at least one second, so clients never retry at once. */
  static long retryAfterSeconds(long waitMillis) {
    return Math.max(1, seconds(waitMillis));
  }

  /** Bucket names may carry caller secrets (an API key): only their hash reaches a store. */
  static String hashed(String bucket) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(bucket.getBytes(StandardCharsets.UTF_8));
      return "agw:rl:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Decision OPEN = new Decision(true, Long.MAX_VALUE, 0);
  private static final Decision CLOSED = new Decision(false, 0, 0);

  /**
   * A limit that applies to this request, with its bucket and what the request takes from it before
   * the call (request limits; 1 for the check of a token limit).
   */
  record Applied(Limit limit, String bucket, long take) {
    Applied(Limit limit, String bucket) {
      this(limit, bucket, 1);
    }
  }

  private record Checked(Applied applied, Decision decision) {}

  /** Charges the usage once the response body has been written (or the exchange ended). */
  private static final class Settling extends ServerHttpResponseDecorator {
    private final ServerWebExchange exchange;
    private final TokenCharges charges;

    Settling(ServerWebExchange exchange, TokenCharges charges) {
      super(exchange.getResponse());
      this.exchange = exchange;
      this.charges = charges;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return super.writeWith(body).doFinally(s -> settle());
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return super.writeAndFlushWith(body).doFinally(s -> settle());
    }

    @Override
    public Mono<Void> setComplete() {
      return super.setComplete().doFinally(s -> settle());
    }

    private void settle() {
      LlmFacts facts = exchange.getAttribute(LlmFacts.ATTRIBUTE);
      long used = facts == null ? 0 : TokenCharges.used(facts.usage());
      // A limit with a cost expression reads the finished call (llm.cost, llm.totalTokens...).
      charges.settle(used, charges.costed() ? CelContext.request(exchange, null) : null);
    }
  }

  @Override
  public String toString() {
    return "RateLimit[" + limits.size() + " limits" + (firstMatch ? ", first match" : "") + "]";
  }
}
