package io.agw.gateway.security.extauthz;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelValues;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.gateway.http.RequestBodies;
import io.agw.model.resource.v1.ExtAuthz;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code extAuthz} policy on a route: asks the authorization service about every request and
 * follows its answer. Allowed, the request goes on with the service's header changes (and its
 * response headers added to the client's response); refused, the service's status, headers and body
 * go to the client (the gateway's 403 error when it gave none); when the service cannot decide,
 * {@code failureMode} applies (deny: 403; allow: the request goes on; denyWithStatus: that status).
 * A body longer than {@code maxRequestBytes} is refused with 413 unless {@code
 * allowPartialMessage}. The service's metadata becomes the {@code extauthz} CEL variable for the
 * later policies. With {@code cache}, a decision is reused for later requests with the same key
 * (see {@link DecisionCache}). Thread-safe.
 */
public final class ExtAuthzFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(ExtAuthzFilter.class);

  private final ExtAuthz policy;
  private final AuthorizationCheck check;
  private final DecisionCache cache;

  /**
   * @param cache the decisions kept ({@code extAuthz.cache}), or null when every request is checked
   */
  ExtAuthzFilter(ExtAuthz policy, AuthorizationCheck check, DecisionCache cache) {
    this.policy = policy;
    this.check = check;
    this.cache = cache;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (!policy.hasIncludeRequestBody()) {
      return decide(new CheckInput(exchange, null, false, 0), chain);
    }
    return RequestBodies.buffer(exchange)
        .flatMap(
            e -> {
              byte[] body = RequestBodies.of(e);
              long max =
                  Integer.toUnsignedLong(policy.getIncludeRequestBody().getMaxRequestBytes());
              if (body.length <= max) {
                return decide(new CheckInput(e, body, false, body.length), chain);
              }
              if (!policy.getIncludeRequestBody().getAllowPartialMessage()) {
                return PolicyErrors.write(
                    e,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "the request body is longer than external authorization accepts");
              }
              return decide(new CheckInput(e, Arrays.copyOf(body, (int) max), true, -1), chain);
            });
  }

  private Mono<Void> decide(CheckInput input, GatewayFilterChain chain) {
    ServerWebExchange exchange = input.exchange();
    Optional<List<Object>> key =
        cache == null ? Optional.empty() : cache.key(CelContext.request(exchange, input.body()));
    // A lambda, not cache::lookup: that would dereference a null cache at once.
    Optional<Decision> kept = key.flatMap(k -> cache.lookup(k));
    Mono<Decision> answer =
        kept.map(Mono::just)
            .orElseGet(
                () -> check.check(input).doOnNext(d -> key.ifPresent(k -> remember(k, d, input))));
    return answer.flatMap(
        decision -> {
          if (decision instanceof Decision.Allow allow) {
            return allow(exchange, chain, allow);
          }
          if (decision instanceof Decision.Deny deny) {
            return deny(exchange, deny);
          }
          if (decision instanceof Decision.DenyWithoutResponse refused) {
            metadata(exchange, refused.metadata());
            return forbidden(exchange);
          }
          return unavailable(exchange, chain, (Decision.Unavailable) decision);
        });
  }

  /** Keeps a fresh decision; its TTL expression sees the decision's {@code extauthz} metadata. */
  private void remember(List<Object> key, Decision decision, CheckInput input) {
    if (!cache.cacheable(decision)) {
      return;
    }
    if (decision instanceof Decision.Allow allow) {
      metadata(input.exchange(), allow.metadata());
    } else if (decision instanceof Decision.Deny deny) {
      metadata(input.exchange(), deny.metadata());
    } else if (decision instanceof Decision.DenyWithoutResponse refused) {
      metadata(input.exchange(), refused.metadata());
    }
    cache.store(key, decision, CelContext.request(input.exchange(), input.body()));
  }

  private static Mono<Void> allow(
      ServerWebExchange exchange, GatewayFilterChain chain, Decision.Allow allow) {
    metadata(exchange, allow.metadata());
    if (!allow.response().isEmpty()) {
      ServerHttpResponse response = exchange.getResponse();
      response.beforeCommit(
          () -> {
            allow.response().forEach(edit -> edit.applyTo(response.getHeaders()));
            return Mono.empty();
          });
    }
    if (allow.request().isEmpty() && allow.removed().isEmpty()) {
      return chain.filter(exchange);
    }
    ServerWebExchange changed =
        exchange
            .mutate()
            .request(
                r ->
                    r.headers(
                        headers -> {
                          for (String name : allow.removed()) {
                            // As agentgateway: pseudo-headers and Host cannot be removed.
                            if (!name.startsWith(":") && !name.equalsIgnoreCase("host")) {
                              headers.remove(name);
                            }
                          }
                          allow.request().forEach(edit -> edit.applyTo(headers));
                        }))
            .build();
    return chain.filter(changed);
  }

  private static Mono<Void> deny(ServerWebExchange exchange, Decision.Deny deny) {
    metadata(exchange, deny.metadata());
    exchange.getAttributes().put(PolicyErrors.LOCAL_RESPONSE_ATTRIBUTE, Boolean.TRUE);
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(HttpStatusCode.valueOf(deny.status()));
    HttpHeaders headers = response.getHeaders();
    // Copies: a kept refusal is answered again, so later filters must not edit its lists.
    deny.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    headers.setContentLength(deny.body().length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(deny.body())));
  }

  private Mono<Void> unavailable(
      ServerWebExchange exchange, GatewayFilterChain chain, Decision.Unavailable unavailable) {
    log.warn(
        "extAuthz: the authorization service {} could not decide: {}",
        policy.getHost(),
        unavailable.reason());
    return switch (policy.getFailureMode()) {
      case FAILURE_MODE_ALLOW -> chain.filter(exchange);
      case FAILURE_MODE_DENY_WITH_STATUS -> {
        HttpStatus status = HttpStatus.resolve(policy.getDenyStatus());
        yield PolicyErrors.write(
            exchange,
            status == null ? HttpStatus.FORBIDDEN : status,
            "external_authorization_unavailable",
            "the authorization service is unavailable");
      }
      case FAILURE_MODE_DENY, UNRECOGNIZED -> forbidden(exchange);
    };
  }

  private static Mono<Void> forbidden(ServerWebExchange exchange) {
    return PolicyErrors.write(
        exchange, HttpStatus.FORBIDDEN, "forbidden", "the request is not allowed by policy");
  }

  private static void metadata(ServerWebExchange exchange, Map<String, Object> metadata) {
    if (!metadata.isEmpty()) {
      exchange.getAttributes().put(CelContext.EXTAUTHZ_ATTRIBUTE, CelValues.fromPlain(metadata));
    }
  }

  @Override
  public String toString() {
    return "ExtAuthz[" + policy.getHost() + ", " + policy.getProtocolCase() + "]";
  }
}
