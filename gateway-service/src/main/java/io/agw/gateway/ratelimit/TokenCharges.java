package io.agw.gateway.ratelimit;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.ratelimit.RateLimitFilter.Applied;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.server.ServerWebExchange;

/**
 * The token limits an exchange passed, and what has been charged to them so far: an estimate up
 * front (optional), then the rest of the actual usage once, when the response is done. Safe to use
 * from the threads of one exchange.
 */
final class TokenCharges {

  static final String ATTRIBUTE = TokenCharges.class.getName();

  private static final Logger log = LoggerFactory.getLogger(TokenCharges.class);

  private final List<Applied> limits;
  private final AtomicLong charged = new AtomicLong();
  private final AtomicBoolean settled = new AtomicBoolean();

  private TokenCharges(List<Applied> limits) {
    this.limits = List.copyOf(limits);
  }

  static TokenCharges attach(ServerWebExchange exchange, List<Applied> limits) {
    TokenCharges charges = new TokenCharges(limits);
    exchange.getAttributes().put(ATTRIBUTE, charges);
    return charges;
  }

  List<Applied> limits() {
    return limits;
  }

  /** Records an amount already taken from every bucket (the estimate). */
  void prepaid(long tokens) {
    charged.addAndGet(tokens);
  }

  /** The tokens a call used: the reported total, else input plus output; 0 when unknown. */
  static long used(TokenUsage usage) {
    if (usage == null) {
      return 0;
    }
    if (usage.totalTokens() != null) {
      return usage.totalTokens();
    }
    long in = usage.inputTokens() == null ? 0 : usage.inputTokens();
    long out = usage.outputTokens() == null ? 0 : usage.outputTokens();
    return in + out;
  }

  /** Charges {@code used} minus what was prepaid, once; a negative difference is refunded. */
  void settle(long used) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    long rest = used - charged.get();
    if (rest == 0) {
      return;
    }
    for (Applied a : limits) {
      a.limit()
          .store()
          .apply(a.bucket(), a.limit().spec(), rest, BucketStore.Op.CHARGE)
          .subscribe(d -> {}, e -> log.warn("cannot charge {} tokens: {}", rest, e.toString()));
    }
  }
}
