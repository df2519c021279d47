package io.agw.gateway.usage.store;

import io.agw.gateway.exchange.Cost;
import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.gateway.usage.Attribution;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/** Turns an ended LLM call into its {@link UsageRecord}. Stateless; cheap enough per request. */
final class UsageRecords {

  UsageRecord of(ServerWebExchange exchange, LlmCall call) {
    Attribution who = Attribution.of(exchange);
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    TokenUsage usage = call.usage();
    Cost cost = call.cost();
    long ttft = call.timeToFirstTokenNanos();
    return new UsageRecord(
        UUID.randomUUID().toString(),
        Instant.now(),
        who.key(),
        who.user(),
        who.team(),
        match == null ? null : match.route().name(),
        call.provider(),
        call.requestModel(),
        call.responseModel(),
        call.stream(),
        new UsageRecord.Tokens(
            usage.inputTokens(),
            usage.outputTokens(),
            usage.cachedInputTokens(),
            usage.cacheCreationInputTokens(),
            usage.reasoningTokens(),
            total(usage)),
        cost == null ? null : cost.total(),
        cost == null ? null : cost.source().name().toLowerCase(Locale.ROOT),
        (System.nanoTime() - call.startNanos()) / 1_000_000.0,
        ttft < 0 ? null : ttft / 1_000_000.0,
        status == null ? 200 : status.value(),
        call.error(),
        guardrail(exchange),
        call.traceId(),
        call.prompt(),
        call.completion());
  }

  private static Long total(TokenUsage usage) {
    if (usage.totalTokens() != null) {
      return usage.totalTokens();
    }
    if (usage.inputTokens() != null && usage.outputTokens() != null) {
      return usage.inputTokens() + usage.outputTokens();
    }
    return null;
  }

  /** The strongest guardrail outcome: rejected, then masked, then passed; null without guards. */
  static String guardrail(ServerWebExchange exchange) {
    GuardDecisions decisions = exchange.getAttribute(GuardDecisions.ATTRIBUTE);
    List<GuardDecision> all = decisions == null ? List.of() : decisions.all();
    if (all.isEmpty()) {
      return null;
    }
    if (all.stream().anyMatch(d -> GuardDecision.REJECT.equals(d.action()))) {
      return "rejected";
    }
    if (all.stream().anyMatch(d -> GuardDecision.MASK.equals(d.action()))) {
      return "masked";
    }
    return "passed";
  }
}
