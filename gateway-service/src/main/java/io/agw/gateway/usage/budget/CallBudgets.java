package io.agw.gateway.usage.budget;

import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.StreamAllowance;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reservations of one call, from the moment they are taken until the call ends: grows them
 * while a stream outgrows them ({@link StreamAllowance}), and settles each to the call's real cost
 * once it ended. One per call; the stream asks it from one subscriber at a time.
 */
final class CallBudgets implements StreamAllowance {

  /** How far ahead of the stream a reservation grows, in tokens, so that not every piece asks. */
  private static final long STREAM_STEP_TOKENS = 64;

  private final BudgetLedger ledger;
  private final LlmCall call;
  private final CallPricing pricing;
  private final long promptTokens;
  private final long maxOutputTokens;
  private final List<BudgetLedger.Hold> holds;

  CallBudgets(
      BudgetLedger ledger,
      LlmCall call,
      CallPricing pricing,
      long promptTokens,
      long maxOutputTokens,
      List<BudgetLedger.Hold> holds) {
    this.ledger = ledger;
    this.call = call;
    this.pricing = pricing;
    this.promptTokens = promptTokens;
    this.maxOutputTokens = maxOutputTokens;
    this.holds = holds;
  }

  List<BudgetLedger.Hold> holds() {
    return holds;
  }

  @Override
  public Mono<String> check() {
    long streamed = call.streamedOutputTokens();
    if (streamed <= maxOutputTokens) {
      return Mono.empty();
    }
    return Flux.fromIterable(holds)
        .concatMap(
            hold -> {
              Budget b = hold.budget();
              if (b.unit() == BudgetUnit.USD && !pricing.priced()) {
                return Mono.empty();
              }
              long needed = pricing.worstCase(b.unit(), promptTokens, streamed);
              if (needed <= hold.units()) {
                return Mono.empty();
              }
              long step = pricing.worstCase(b.unit(), 0, STREAM_STEP_TOKENS);
              return ledger
                  .extend(hold, needed - hold.units() + step)
                  .filter(granted -> !granted && b.hard())
                  .map(refused -> "the answer was cut: " + b.describe() + " is spent");
            })
        .next();
  }

  /** Settles every reservation to what the call cost; {@code failed} releases them instead. */
  void settle(boolean failed) {
    for (BudgetLedger.Hold hold : holds) {
      if (failed) {
        ledger.release(hold);
        continue;
      }
      var usage = call.usage();
      boolean known =
          call.cost() != null
              || usage.inputTokens() != null
              || usage.outputTokens() != null
              || call.streamedOutputTokens() > 0;
      // An answer whose size the gateway cannot see (a passthrough body) is charged its worst case.
      long actual =
          known
              ? pricing.actual(
                  hold.budget().unit(),
                  call.cost(),
                  usage,
                  promptTokens,
                  call.streamedOutputTokens())
              : hold.units();
      ledger.settle(hold, actual);
    }
  }
}
