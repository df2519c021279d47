package io.agw.gateway.ratelimit;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.errorformat.PolicyErrors;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code remoteRateLimit} with {@code host}, request descriptors: asks the rate limit service
 * before the request goes on. Any answer but OK is a 429 (the service's {@code raw_body} when it
 * gave one, else the gateway's error in the client's API format) with the service's response
 * headers, {@code x-ratelimit-limit} / {@code -remaining} / {@code -reset} of the most constrained
 * descriptor and {@code retry-after} from its reset time; OK applies the service's request headers
 * and adds the same response headers to the answer. A service that cannot be reached lets the
 * request through with {@code failOpen}, else answers 500. With token descriptors it also puts a
 * {@link TokenAmendment} on the response. Immutable; thread-safe.
 */
final class RateLimitServiceFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(RateLimitServiceFilter.class);

  private final RateLimitService service;

  RateLimitServiceFilter(RateLimitService service) {
    this.service = service;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Function<ServerWebExchange, Mono<Void>> next =
        service.has(true)
            ? e -> chain.filter(TokenAmendment.attach(e, service))
            : e -> chain.filter(e);
    Optional<RateLimitService.Call> call =
        service.has(false)
            ? service.build(CelContext.request(exchange, null), false, OptionalLong.empty())
            : Optional.empty();
    if (call.isEmpty()) {
      return next.apply(exchange);
    }
    return ask(service, call.get(), exchange, next);
  }

  /**
   * Asks the service and follows its answer: {@code proceed} with the exchange (its request changed
   * by the service) when allowed or when failing open; a 429 or 500 otherwise.
   */
  static Mono<Void> ask(
      RateLimitService service,
      RateLimitService.Call call,
      ServerWebExchange exchange,
      Function<ServerWebExchange, Mono<Void>> proceed) {
    return service
        .call(call.request())
        .map(Optional::of)
        .switchIfEmpty(Mono.error(new IllegalStateException("no answer")))
        .onErrorResume(
            e -> {
              log.warn(
                  "rate limit service failed (domain {}): {}; {}",
                  service.domain(),
                  e.toString(),
                  service.failOpen() ? "failing open" : "denying the request");
              return Mono.just(Optional.empty());
            })
        .flatMap(
            answer -> {
              if (answer.isEmpty()) {
                return service.failOpen()
                    ? proceed.apply(exchange)
                    : PolicyErrors.write(
                        exchange,
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "rate_limit_unavailable",
                        "the rate limit service is unavailable");
              }
              return follow(answer.get(), exchange, proceed);
            });
  }

  private static Mono<Void> follow(
      RateLimitResponse answer,
      ServerWebExchange exchange,
      Function<ServerWebExchange, Mono<Void>> proceed) {
    HttpHeaders extra = responseHeaders(answer);
    if (answer.getOverallCode() != RateLimitResponse.Code.OK) {
      ServerHttpResponse response = exchange.getResponse();
      response.getHeaders().putAll(extra);
      retryAfter(answer)
          .filter(s -> !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
          .ifPresent(s -> response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(s)));
      if (answer.getRawBody().isEmpty()) {
        return PolicyErrors.write(
            exchange, HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "rate limit exceeded");
      }
      exchange.getAttributes().put(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE, Boolean.TRUE);
      response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
      byte[] body = answer.getRawBody().toByteArray();
      response.getHeaders().setContentLength(body.length);
      return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
    if (!extra.isEmpty()) {
      ServerHttpResponse response = exchange.getResponse();
      response.beforeCommit(
          () -> {
            // An upstream's own x-ratelimit-* set is not mixed with the service's.
            boolean upstreamSet = response.getHeaders().containsHeader("x-ratelimit-limit");
            extra.forEach(
                (name, values) -> {
                  if (!upstreamSet || !name.toLowerCase(Locale.ROOT).startsWith("x-ratelimit-")) {
                    response.getHeaders().put(name, values);
                  }
                });
            return Mono.empty();
          });
    }
    List<HeaderValue> added = answer.getRequestHeadersToAddList();
    if (added.isEmpty()) {
      return proceed.apply(exchange);
    }
    return proceed.apply(
        exchange
            .mutate()
            .request(r -> r.headers(h -> added.forEach(v -> h.set(v.getKey(), value(v)))))
            .build());
  }

  /**
   * The service's response headers, then the {@code x-ratelimit-*} set of the descriptor with the
   * fewest requests left (unless the service sent one itself), as agentgateway derives them.
   */
  static HttpHeaders responseHeaders(RateLimitResponse answer) {
    HttpHeaders headers = new HttpHeaders();
    for (HeaderValue v : answer.getResponseHeadersToAddList()) {
      if (!v.getKey().isEmpty()) {
        headers.set(v.getKey(), value(v));
      }
    }
    if (headers.containsHeader("x-ratelimit-limit")
        || headers.containsHeader("x-ratelimit-remaining")
        || headers.containsHeader("x-ratelimit-reset")) {
      return headers;
    }
    tightest(answer)
        .ifPresent(
            s -> {
              headers.set(
                  "x-ratelimit-limit",
                  Integer.toUnsignedString(s.getCurrentLimit().getRequestsPerUnit()));
              headers.set("x-ratelimit-remaining", Integer.toUnsignedString(s.getLimitRemaining()));
              headers.set(
                  "x-ratelimit-reset",
                  Long.toString(
                      s.hasDurationUntilReset()
                          ? Math.max(0, s.getDurationUntilReset().getSeconds())
                          : 0));
            });
    return headers;
  }

  private static Optional<RateLimitResponse.DescriptorStatus> tightest(RateLimitResponse answer) {
    return answer.getStatusesList().stream()
        .filter(RateLimitResponse.DescriptorStatus::hasCurrentLimit)
        .min(Comparator.comparingLong(s -> Integer.toUnsignedLong(s.getLimitRemaining())));
  }

  /**
   * Seconds until the first over-limit descriptor resets (at least 1), when the service said; the
   * gateway's addition, as its own limits send {@code retry-after}.
   */
  private static Optional<Long> retryAfter(RateLimitResponse answer) {
    return answer.getStatusesList().stream()
        .filter(s -> s.getCode() == RateLimitResponse.Code.OVER_LIMIT)
        .filter(RateLimitResponse.DescriptorStatus::hasDurationUntilReset)
        .map(s -> s.getDurationUntilReset())
        .map(d -> Math.max(1, d.getSeconds() + (d.getNanos() > 0 ? 1 : 0)))
        .findFirst();
  }

  private static String value(HeaderValue v) {
    return v.getRawValue().isEmpty() ? v.getValue() : v.getRawValue().toStringUtf8();
  }

  @Override
  public String toString() {
    return "RemoteRateLimit[" + service + "]";
  }
}
