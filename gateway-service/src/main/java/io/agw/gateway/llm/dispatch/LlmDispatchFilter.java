package io.agw.gateway.llm.dispatch;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.backend.UpstreamTimeoutException;
import io.agw.gateway.backend.redaction.UpstreamSecrets;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.llm.backend.LlmProvider;
import io.agw.gateway.llm.balance.AttemptSequence;
import io.agw.gateway.llm.balance.AttemptSequence.Attempt;
import io.agw.gateway.llm.balance.Endpoint;
import io.agw.gateway.llm.call.LlmErrors;
import io.agw.gateway.llm.provider.OutboundRequest;
import io.agw.gateway.llm.response.LlmResponseDecorator;
import io.agw.gateway.llm.telemetry.LlmChoiceMetrics;
import io.agw.gateway.telemetry.AccessLogFields;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a planned LLM request ({@link LlmPlan}) to its providers, one attempt after the other:
 * priority groups in order, the provider within a group chosen by power of two choices over latency
 * and load, retries within a group with a pause, and another try whenever the upstream cannot be
 * reached, times out or answers a fail-over status ({@link FailoverSettings}) — as long as nothing
 * was sent to the client. That holds while this filter runs: Spring Cloud Gateway's routing filter
 * only sets the status and headers of the upstream response, and the body is written after the
 * whole chain has returned. A stream's status comes before its first event, so streams fail over
 * the same way; a failure once the body flows is not retried.
 *
 * <p>Each attempt translates the request for its provider's dialect, targets its address and asks
 * its {@link UpstreamCredentials} again. The provider that answered is named in the {@value
 * #PROVIDER_HEADER} response header and the access log ({@code llm_provider}, and {@code
 * llm_failover} listing the discarded tries). Runs after the LLM policies, so that a failover does
 * not charge a rate limit twice. Immutable and thread-safe; built once per route and state.
 */
public final class LlmDispatchFilter implements GatewayFilter {

  /** The response header that names the configured provider that answered. */
  static final String PROVIDER_HEADER = "x-agw-provider";

  private static final Logger log = LoggerFactory.getLogger(LlmDispatchFilter.class);

  private final FailoverSettings settings;
  private final RetryConditions conditions;
  private final LlmChoiceMetrics metrics;

  /**
   * @param conditions the route's {@code retry.precondition} and {@code retry.condition}
   */
  public LlmDispatchFilter(
      FailoverSettings settings, RetryConditions conditions, LlmChoiceMetrics metrics) {
    this.settings = settings;
    this.conditions = conditions;
    this.metrics = metrics;
  }

  /** What one attempt ended with: an upstream status, or an error before any response. */
  private record Outcome(int status, Throwable error) {}

  /** The state of one request's attempts. */
  private final class Run {
    final ServerWebExchange exchange;
    final GatewayFilterChain chain;
    final LlmPlan plan;
    final LlmCall call;
    final AttemptSequence<LlmProvider> sequence;
    final List<Map<String, Object>> discarded = new ArrayList<>();

    Run(ServerWebExchange exchange, GatewayFilterChain chain, LlmPlan plan, LlmCall call) {
      this.exchange = exchange;
      this.chain = chain;
      this.plan = plan;
      this.call = call;
      boolean resend = plan.resendable() && conditions.mayRetry(exchange);
      this.sequence =
          new AttemptSequence<>(
              resend ? plan.groups() : List.of(plan.groups().get(0)),
              resend ? settings.attemptsPerGroup() : 1,
              ThreadLocalRandom.current());
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    LlmPlan plan = exchange.getAttribute(LlmPlan.ATTRIBUTE);
    LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
    if (plan == null || call == null) {
      return chain.filter(exchange);
    }
    Run run = new Run(exchange, chain, plan, call);
    return attempt(run, run.sequence.next().orElseThrow());
  }

  private Mono<Void> attempt(Run run, Attempt<LlmProvider> attempt) {
    LlmProvider provider = attempt.target();
    ServerWebExchange exchange = run.exchange;
    LlmPlan.Prepared prepared;
    try {
      prepared = run.plan.prepare(provider, exchange);
    } catch (RuntimeException e) {
      // The mappers read typed records: a field of the wrong shape ends here, not in a 500.
      log.debug("cannot translate an LLM request: {}", e.toString());
      return LlmErrors.write(
          exchange.getResponse(),
          run.plan.client(),
          400,
          "the request body does not match the API of " + run.plan.api().suffix());
    }
    LlmCall call = run.call;
    call.provider(provider.kind().adapter().telemetryName(provider.config()));
    if (prepared.translation() != null) {
      call.upstreamModel(prepared.upstreamModel());
      call.stream(prepared.streaming());
    }
    Backend upstream = provider.upstream();
    URI base = upstream.base();
    exchange.getAttributes().put(Backend.ATTRIBUTE, upstream);
    URI url = URI.create(base + prepared.pathAndQuery());
    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
    HttpHeaders headers =
        UpstreamRequest.headers(
            exchange.getRequest().getHeaders(),
            provider,
            provider.kind().adapter().dialect(provider.config(), prepared.upstreamModel()),
            base,
            prepared.body());
    ServerHttpRequest request =
        new UpstreamRequest(exchange.getRequest(), headers, prepared.body());
    LlmResponseDecorator.Slot slot = exchange.getAttribute(LlmResponseDecorator.Slot.ATTRIBUTE);
    if (slot != null) {
      if (prepared.translation() != null) {
        slot.set(prepared.translation(), prepared.stream(), call, run.plan.client());
      } else {
        slot.clear();
      }
    }
    OutboundRequest outbound =
        new OutboundRequest(request.getMethod(), url, headers, prepared.body());
    Endpoint endpoint = provider.endpoint();
    long start = endpoint.now();
    endpoint.started();
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            endpoint.finished();
          }
        };
    // Released when this try is discarded, else when the exchange ends (written, failed or
    // cancelled by the client).
    run.call.onEnd(release);
    HttpHeaders withoutCredentials = UpstreamSecrets.before(headers);
    return provider
        .credentials()
        .apply(outbound)
        .onErrorMap(UpstreamRequest.CredentialsException::new)
        .then(
            Mono.fromRunnable(
                () ->
                    UpstreamSecrets.record(exchange.getAttributes(), withoutCredentials, headers)))
        .then(Mono.defer(() -> run.chain.filter(exchange.mutate().request(request).build())))
        .then(Mono.fromSupplier(() -> new Outcome(status(exchange), null)))
        .onErrorResume(e -> Mono.just(new Outcome(0, e)))
        .flatMap(outcome -> decide(run, attempt, outcome, endpoint.now() - start, release));
  }

  private Mono<Void> decide(
      Run run, Attempt<LlmProvider> attempt, Outcome outcome, long nanos, Runnable release) {
    LlmProvider provider = attempt.target();
    Endpoint endpoint = provider.endpoint();
    ServerWebExchange exchange = run.exchange;
    boolean credentials = outcome.error() instanceof UpstreamRequest.CredentialsException;
    boolean unhealthy =
        outcome.error() != null ? !credentials : unhealthy(provider, exchange, outcome.status());
    if (outcome.error() == null) {
      endpoint.observe(nanos);
    }
    if (unhealthy) {
      if (endpoint.failed(provider.ejection())) {
        metrics.ejection(provider.name());
        log.info("LLM provider {} ejected after failures", provider.name());
      }
    } else if (outcome.error() == null) {
      endpoint.succeeded();
    }
    boolean retryable =
        outcome.error() != null
            || settings.failsOver(outcome.status())
            || conditions.retries(exchange, outcome.status());
    if (retryable && !exchange.getResponse().isCommitted()) {
      var next = run.sequence.next();
      if (next.isPresent()) {
        String reason = outcome.error() != null ? "connect" : Integer.toString(outcome.status());
        log.debug("LLM provider {} failed ({}); trying {}", provider.name(), reason, next.get());
        release.run();
        metrics.failover(provider.name(), reason, next.get().newGroup());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("provider", provider.name());
        entry.put("reason", reason);
        run.discarded.add(entry);
        // Forget the discarded answer: its connection, its headers, its status.
        ServerWebExchangeUtils.reset(exchange);
        exchange.getResponse().setStatusCode(null);
        // Deferred: the next try starts (and its latency is measured) after the pause.
        Mono<Void> again = Mono.defer(() -> attempt(run, next.get()));
        return next.get().newGroup() || settings.backoff().isZero()
            ? again
            : Mono.delay(settings.backoff()).then(again);
      }
    }
    // This answer (or failure) goes to the client; the provider stays busy until it is written.
    AccessLogFields.put(exchange, "llm_provider", provider.name());
    if (!run.discarded.isEmpty()) {
      AccessLogFields.put(exchange, "llm_failover", List.copyOf(run.discarded));
    }
    if (outcome.error() == null) {
      if (!exchange.getResponse().isCommitted()) {
        exchange.getResponse().getHeaders().set(PROVIDER_HEADER, provider.name());
      }
      return Mono.empty();
    }
    return failed(run, provider, outcome.error());
  }

  private Mono<Void> failed(Run run, LlmProvider provider, Throwable e) {
    ServerWebExchange exchange = run.exchange;
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(e);
    }
    LlmResponseDecorator.Slot slot = exchange.getAttribute(LlmResponseDecorator.Slot.ATTRIBUTE);
    if (slot != null) {
      slot.clear();
    }
    boolean credentials = e instanceof UpstreamRequest.CredentialsException;
    int status = credentials ? 502 : LlmErrors.statusOf(e);
    log.warn("LLM provider {} failed: {} -> {}", provider.name(), e.toString(), status);
    run.call.error(Integer.toString(status));
    String message =
        credentials
            ? "the gateway could not obtain credentials for the LLM provider"
            : e instanceof UpstreamTimeoutException timeout
                ? timeout.getReason()
                : LlmErrors.messageOf(status);
    return LlmErrors.write(exchange.getResponse(), run.plan.client(), status, message);
  }

  /**
   * Whether an answer counts against the provider's health: what its {@code
   * health.unhealthyExpression} says, else 429 and 5xx. A connection failure always does.
   */
  private static boolean unhealthy(LlmProvider provider, ServerWebExchange exchange, int status) {
    CelExpression expression = provider.unhealthyExpression();
    return expression == null
        ? FailoverSettings.unhealthy(status)
        : expression.test(Answers.of(exchange, status));
  }

  private static int status(ServerWebExchange exchange) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    return status == null ? 200 : status.value();
  }

  @Override
  public String toString() {
    return "LlmDispatch[" + settings + "]";
  }
}
