package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.ratelimit.RateLimitFilter.Applied;
import java.util.List;
import java.util.OptionalLong;
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

  /** Whether a limit charges its own cost expression rather than the call's tokens. */
  boolean costed() {
    return limits.stream().anyMatch(a -> a.limit().cost() != null);
  }

  /** {@link #settle(long, CelContext)} for limits without a cost expression. */
  void settle(long used) {
    settle(used, null);
  }

  /**
   * Charges, once: {@code used} minus what was prepaid to each limit without a cost expression (a
   * negative difference is refunded), and its expression's value, evaluated in {@code context} once
   * the call is done, to each limit with one (skipped when it fails, as agentgateway does).
   */
  void settle(long used, CelContext context) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    long rest = used - charged.get();
    for (Applied a : limits) {
      long amount;
      if (a.limit().cost() == null) {
        amount = rest;
      } else {
        OptionalLong value =
            context == null ? OptionalLong.empty() : a.limit().amount(context, used);
        if (value.isEmpty()) {
          continue;
        }
        amount = value.getAsLong();
      }
      if (amount == 0) {
        continue;
      }
      a.limit()
          .store()
          .apply(a.bucket(), a.limit().spec(), amount, BucketStore.Op.CHARGE)
          .subscribe(d -> {}, e -> log.warn("cannot charge {}: {}", amount, e.toString()));
    }
  }
}
