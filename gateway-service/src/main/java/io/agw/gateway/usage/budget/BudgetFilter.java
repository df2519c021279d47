package io.agw.gateway.usage.budget;

import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.StreamAllowance;
import io.agw.gateway.llm.dispatch.LlmPlan;
import io.agw.gateway.llm.request.PromptText;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.ratelimit.PromptTokens;
import io.agw.gateway.route.RouteMatchResult;
import io.agw.gateway.usage.Attribution;
import io.agw.gateway.usage.cost.ModelPrices;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Holds every LLM call to the budgets of its key, team, user and route: reserves the call's worst
 * case before it is sent (the prompt estimate plus its {@code max_tokens}, priced for USD budgets),
 * refuses it with 429 in the client's format naming the budget when a hard budget cannot cover it,
 * lets a stream run only as long as its budgets cover it, and settles to the real cost when the
 * call ends. A global filter, so that every route with an {@code ai} backend is held, passthrough
 * paths included: whatever reaches an LLM provider through the gateway has gone past the LLM
 * request filter and so past this one. Runs after the LLM policies (authorization, allowed models,
 * token rate limits), so that calls they refuse reserve nothing. Thread-safe.
 */
public final class BudgetFilter implements GlobalFilter, Ordered {

  /** After the other LLM policies, before the request is dispatched to a provider. */
  public static final int ORDER = FilterOrder.LLM_POLICY + 5;

  /** Bytes per token assumed for a passthrough body, which the gateway does not read. */
  private static final long BYTES_PER_TOKEN = 4;

  private final BudgetCatalog catalog;
  private final BudgetLedger ledger;
  private final Supplier<ModelPrices> prices;
  private final BudgetSettings settings;
  private final BudgetMetrics metrics;
  private final Clock clock;

  public BudgetFilter(
      BudgetCatalog catalog,
      BudgetLedger ledger,
      Supplier<ModelPrices> prices,
      BudgetSettings settings,
      BudgetMetrics metrics,
      Clock clock) {
    this.catalog = catalog;
    this.ledger = ledger;
    this.prices = prices;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
    if (call == null || call.modelListing()) {
      return chain.filter(exchange);
    }
    if (!catalog.loaded()) {
      // At start the usage store opens in the background: wait for the first read of the budgets
      // (released within one poll of the store opening) rather than refusing the first calls.
      return catalog
          .whenLoaded(settings.startupWait())
          .flatMap(loaded -> loaded ? filter(exchange, chain) : unchecked(exchange, chain));
    }
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    List<Budget> budgets =
        catalog.applying(Attribution.of(exchange), match == null ? null : match.route().name());
    if (budgets.isEmpty()) {
      return chain.filter(exchange);
    }
    LlmPlan plan = exchange.getAttribute(LlmPlan.ATTRIBUTE);
    long prompt = promptTokens(exchange, call, plan);
    long maxOutput = maxOutputTokens(plan);
    ModelPrices catalogPrices = prices.get();
    CostRates rates =
        catalogPrices == null
            ? null
            : catalogPrices.rates(call.provider(), call.responseModel(), prompt);
    CallPricing pricing = new CallPricing(rates);
    List<Budget> held = new ArrayList<>(budgets.size());
    for (Budget b : budgets) {
      if (b.unit() == BudgetUnit.USD && !pricing.priced()) {
        if (b.hard() && settings.refuseUnpriced()) {
          metrics.refused(b);
          return PolicyErrors.write(
              exchange,
              HttpStatus.FORBIDDEN,
              "budget_unpriced_model",
              "the model '"
                  + call.responseModel()
                  + "' has no price in the model catalog, so "
                  + b.describe()
                  + " cannot hold it; add its price to config.modelCatalog");
        }
        continue;
      }
      held.add(b);
    }
    List<BudgetLedger.Hold> holds = new ArrayList<>(held.size());
    return Flux.fromIterable(held)
        .concatMap(b -> ledger.reserve(b, pricing.worstCase(b.unit(), prompt, maxOutput)))
        .takeUntil(outcome -> !(outcome instanceof BudgetLedger.Held))
        .collectList()
        .flatMap(
            outcomes -> {
              for (BudgetLedger.Outcome o : outcomes) {
                if (o instanceof BudgetLedger.Held h) {
                  holds.add(h.hold());
                  if (h.hold().overSoftLimit()) {
                    metrics.softExceeded(h.hold().budget());
                  }
                }
              }
              BudgetLedger.Outcome last =
                  outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
              if (last instanceof BudgetLedger.Refused refused) {
                holds.forEach(ledger::release);
                return refuse(exchange, refused);
              }
              if (last instanceof BudgetLedger.Unavailable unavailable) {
                holds.forEach(ledger::release);
                if (!settings.failOpen()) {
                  return PolicyErrors.write(
                      exchange,
                      HttpStatus.SERVICE_UNAVAILABLE,
                      "budget_unavailable",
                      unavailable.budget().describe()
                          + " cannot be checked: the usage database is not available");
                }
                metrics.failedOpen();
              }
              CallBudgets callBudgets =
                  new CallBudgets(ledger, call, pricing, prompt, maxOutput, List.copyOf(holds));
              exchange.getAttributes().put(StreamAllowance.ATTRIBUTE, callBudgets);
              call.onEnd(() -> callBudgets.settle(failedBeforeOutput(exchange, call)));
              return chain.filter(exchange);
            });
  }

  private Mono<Void> unchecked(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (settings.failOpen()) {
      metrics.failedOpen();
      return chain.filter(exchange);
    }
    return PolicyErrors.write(
        exchange,
        HttpStatus.SERVICE_UNAVAILABLE,
        "budget_unavailable",
        "budgets cannot be checked: the usage database has not been reached yet");
  }

  private Mono<Void> refuse(ServerWebExchange exchange, BudgetLedger.Refused refused) {
    Budget b = refused.budget();
    metrics.refused(b);
    String message = b.describe() + " cannot cover this call";
    if (refused.period().end() != null) {
      long seconds =
          Math.max(1, Duration.between(clock.instant(), refused.period().end()).toSeconds());
      exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      message += "; it resets at " + refused.period().end();
    }
    return PolicyErrors.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "budget_exceeded", message);
  }

  /** A call that failed before any output costs nothing. */
  private static boolean failedBeforeOutput(ServerWebExchange exchange, LlmCall call) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    boolean failed = status != null && status.isError();
    return failed
        && call.usage().outputTokens() == null
        && call.usage().inputTokens() == null
        && call.streamedOutputTokens() == 0;
  }

  private static long promptTokens(ServerWebExchange exchange, LlmCall call, LlmPlan plan) {
    var estimate = call.estimatedInputTokens();
    if (estimate.isPresent()) {
      return estimate.getAsLong();
    }
    if (plan != null && plan.body() != null) {
      long tokens = PromptTokens.estimate(plan.model(), PromptText.of(plan.body()));
      call.estimatedInputTokens(tokens);
      return tokens;
    }
    long length = exchange.getRequest().getHeaders().getContentLength();
    return length > 0 ? (length + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN : 0;
  }

  private long maxOutputTokens(LlmPlan plan) {
    if (plan != null && plan.body() != null) {
      for (String field : List.of("max_tokens", "max_completion_tokens", "max_output_tokens")) {
        JsonNode value = plan.body().get(field);
        if (value != null && value.isIntegralNumber() && value.asLong() > 0) {
          return value.asLong();
        }
      }
    }
    return settings.defaultMaxOutputTokens();
  }

  @Override
  public String toString() {
    return "Budgets";
  }
}
