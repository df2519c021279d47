package io.agw.gateway.ratelimit;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.UInt64Value;
import dev.cel.runtime.CelEvaluationException;
import io.agw.gateway.cel.CelContext;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitServiceGrpc;
import io.envoyproxy.envoy.type.v3.RateLimitUnit;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Envoy's {@code envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit} for one {@code
 * remoteRateLimit} policy: builds the request from the descriptors of one unit as agentgateway does
 * (a descriptor whose entry, cost or limit override fails to evaluate is left out; no descriptor
 * left, no call) and sends it over a shared plaintext channel. Immutable; thread-safe.
 */
final class RateLimitService {

  /** A built request and the descriptors it carries, in order (for the token amendment). */
  record Call(RateLimitRequest request, List<ServiceDescriptor> descriptors) {}

  private final ManagedChannel channel;
  private final String domain;
  private final List<ServiceDescriptor> descriptors;
  private final boolean failOpen;
  private final Duration timeout;

  RateLimitService(
      ManagedChannel channel,
      String domain,
      List<ServiceDescriptor> descriptors,
      boolean failOpen,
      Duration timeout) {
    this.channel = channel;
    this.domain = domain;
    this.descriptors = List.copyOf(descriptors);
    this.failOpen = failOpen;
    this.timeout = timeout;
  }

  boolean failOpen() {
    return failOpen;
  }

  String domain() {
    return domain;
  }

  boolean has(boolean tokens) {
    return descriptors.stream().anyMatch(d -> d.tokens() == tokens);
  }

  /**
   * The request for the descriptors of one unit, or empty when none could be built.
   *
   * @param defaultCost the hits of a descriptor without {@code cost}: empty for requests (the
   *     service counts 1), the prompt estimate (or 0) for tokens
   */
  Optional<Call> build(CelContext context, boolean tokens, OptionalLong defaultCost) {
    RateLimitRequest.Builder request = RateLimitRequest.newBuilder().setDomain(domain);
    List<ServiceDescriptor> used = new ArrayList<>();
    for (ServiceDescriptor d : descriptors) {
      if (d.tokens() != tokens) {
        continue;
      }
      RateLimitDescriptor.Builder out = RateLimitDescriptor.newBuilder();
      if (!entries(context, d, out) || out.getEntriesCount() == 0) {
        continue;
      }
      if (d.cost() != null && tokens) {
        // A token cost is evaluated once the call is done; nothing is added before it.
        out.setHitsAddend(UInt64Value.of(0));
      } else if (d.cost() != null) {
        OptionalLong cost = unsigned(context, d.cost());
        if (cost.isEmpty()) {
          continue;
        }
        out.setHitsAddend(UInt64Value.of(cost.getAsLong()));
      } else if (defaultCost.isPresent()) {
        out.setHitsAddend(UInt64Value.of(defaultCost.getAsLong()));
      }
      if (d.limitOverride() != null) {
        Optional<RateLimitDescriptor.RateLimitOverride> limit = limit(context, d);
        if (limit.isEmpty()) {
          continue;
        }
        out.setLimit(limit.get());
      }
      request.addDescriptors(out);
      used.add(d);
    }
    return used.isEmpty() ? Optional.empty() : Optional.of(new Call(request.build(), used));
  }

  /** The service's answer; an error when it cannot be reached or fails. */
  Mono<RateLimitResponse> call(RateLimitRequest request) {
    return Mono.create(
        sink ->
            RateLimitServiceGrpc.newStub(channel)
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .shouldRateLimit(
                    request,
                    new StreamObserver<>() {
                      @Override
                      public void onNext(RateLimitResponse value) {
                        sink.success(value);
                      }

                      @Override
                      public void onError(Throwable t) {
                        sink.error(t);
                      }

                      @Override
                      public void onCompleted() {
                        sink.success();
                      }
                    }));
  }

  private static boolean entries(
      CelContext context, ServiceDescriptor d, RateLimitDescriptor.Builder out) {
    for (Limit.Key entry : d.entries()) {
      Optional<String> value = entry.value().string(context);
      if (value.isEmpty()) {
        return false;
      }
      out.addEntries(
          RateLimitDescriptor.Entry.newBuilder().setKey(entry.name()).setValue(value.get()));
    }
    return true;
  }

  /** A CEL value as an unsigned whole number (agentgateway's as_unsigned), or empty. */
  static OptionalLong unsigned(CelContext context, io.agw.gateway.cel.CelExpression expression) {
    try {
      Object value = expression.eval(context);
      if (value instanceof UnsignedLong u) {
        return OptionalLong.of(u.longValue());
      }
      if (value instanceof Long l && l >= 0) {
        return OptionalLong.of(l);
      }
      if (value instanceof Double d && d >= 0 && Double.isFinite(d) && d == Math.rint(d)) {
        return OptionalLong.of(d.longValue());
      }
      return OptionalLong.empty();
    } catch (CelEvaluationException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<RateLimitDescriptor.RateLimitOverride> limit(
      CelContext context, ServiceDescriptor d) {
    Object plain = d.limitOverride().plain(context).orElse(null);
    if (!(plain instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    Object unit = map.get("unit");
    Object perUnit =
        map.containsKey("requestsPerUnit")
            ? map.get("requestsPerUnit")
            : map.get("requests_per_unit");
    if (!(unit instanceof String u) || !(perUnit instanceof Number n)) {
      return Optional.empty();
    }
    long requests = n.longValue();
    if (n.doubleValue() != requests || requests < 0 || requests > 0xFFFFFFFFL) {
      return Optional.empty();
    }
    RateLimitUnit parsed =
        switch (u.toLowerCase(Locale.ROOT)) {
          case "second" -> RateLimitUnit.SECOND;
          case "minute" -> RateLimitUnit.MINUTE;
          case "hour" -> RateLimitUnit.HOUR;
          case "day" -> RateLimitUnit.DAY;
          case "month" -> RateLimitUnit.MONTH;
          case "year" -> RateLimitUnit.YEAR;
          default -> null;
        };
    if (parsed == null) {
      return Optional.empty();
    }
    return Optional.of(
        RateLimitDescriptor.RateLimitOverride.newBuilder()
            .setUnit(parsed)
            .setRequestsPerUnit((int) requests)
            .build());
  }

  @Override
  public String toString() {
    return "RateLimitService[" + domain + ", " + descriptors.size() + " descriptors]";
  }
}
