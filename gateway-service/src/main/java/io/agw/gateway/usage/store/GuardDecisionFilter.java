package io.agw.gateway.usage.store;

import io.agw.gateway.exchange.GuardDecision;
import io.agw.gateway.exchange.GuardDecisions;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.gateway.telemetry.McpCall;
import io.agw.gateway.usage.Attribution;
import java.time.Instant;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Offers every guardrail decision of an exchange (LLM prompt and response guards, MCP guardrails)
 * to the {@link UsageRecorder} once the exchange has ended, however it ended. The recorder's queue
 * never blocks, so this costs the request path one list copy. Runs first, so that it sees the
 * decisions of every later filter. Thread-safe.
 */
public final class GuardDecisionFilter implements GlobalFilter, Ordered {

  private final UsageRecorder recorder;

  public GuardDecisionFilter(UsageRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return chain.filter(exchange).doFinally(signal -> record(exchange));
  }

  private void record(ServerWebExchange exchange) {
    GuardDecisions decisions = exchange.getAttribute(GuardDecisions.ATTRIBUTE);
    List<GuardDecision> all = decisions == null ? List.of() : decisions.all();
    if (all.isEmpty()) {
      return;
    }
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    String route = match == null ? null : match.route().name();
    String key = Attribution.of(exchange).key();
    String kind =
        exchange.getAttribute(LlmCall.ATTRIBUTE) != null
            ? "llm"
            : exchange.getAttribute(McpCall.ATTRIBUTE) != null ? "mcp" : "http";
    for (GuardDecision d : all) {
      Instant time =
          Instant.ofEpochSecond(d.epochNanos() / 1_000_000_000L, d.epochNanos() % 1_000_000_000L);
      recorder.offer(
          new GuardDecisionRow(time, d.guard(), kind, d.action(), d.phase(), route, key));
    }
  }
}
