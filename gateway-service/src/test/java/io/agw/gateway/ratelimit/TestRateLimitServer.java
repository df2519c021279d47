package io.agw.gateway.ratelimit;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitServiceGrpc;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Envoy's rate limit service on loopback, written with the generated stubs, counting as Envoy's
 * reference service does: each descriptor (domain and entries) has a counter, raised by the
 * descriptor's {@code hits_addend} (else the request's, else 1), and is over its limit once the
 * counter passes it. The limit is the descriptor's override when it has one, else {@code limit}.
 * Answers carry per-descriptor statuses (limit per hour, remaining, 42 s until reset), a response
 * header {@code x-rls-domain} and a request header {@code x-rls-checked}. Records every request.
 */
final class TestRateLimitServer implements AutoCloseable {

  final List<RateLimitRequest> received = new CopyOnWriteArrayList<>();
  final Map<String, Long> counters = new ConcurrentHashMap<>();
  private final long limit;
  private final Server server;

  TestRateLimitServer(long limit) throws Exception {
    this.limit = limit;
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new RateLimitServiceGrpc.RateLimitServiceImplBase() {
                  @Override
                  public void shouldRateLimit(
                      RateLimitRequest request, StreamObserver<RateLimitResponse> out) {
                    received.add(request);
                    out.onNext(answer(request));
                    out.onCompleted();
                  }
                })
            .build()
            .start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The counter of a descriptor, named {@code domain|key=value|...}. */
  static String name(String domain, RateLimitDescriptor d) {
    return domain
        + d.getEntriesList().stream()
            .map(e -> "|" + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining());
  }

  void reset() {
    received.clear();
    counters.clear();
  }

  private synchronized RateLimitResponse answer(RateLimitRequest request) {
    RateLimitResponse.Builder out =
        RateLimitResponse.newBuilder()
            .setOverallCode(RateLimitResponse.Code.OK)
            .addResponseHeadersToAdd(
                HeaderValue.newBuilder().setKey("x-rls-domain").setValue(request.getDomain()))
            .addRequestHeadersToAdd(HeaderValue.newBuilder().setKey("x-rls-checked").setValue("1"));
    for (RateLimitDescriptor d : request.getDescriptorsList()) {
      long hits =
          d.hasHitsAddend()
              ? d.getHitsAddend().getValue()
              : request.getHitsAddend() == 0 ? 1 : request.getHitsAddend();
      long max = d.hasLimit() ? d.getLimit().getRequestsPerUnit() : limit;
      long count = counters.merge(name(request.getDomain(), d), hits, Long::sum);
      boolean over = count > max;
      if (over) {
        out.setOverallCode(RateLimitResponse.Code.OVER_LIMIT);
      }
      out.addStatuses(
          RateLimitResponse.DescriptorStatus.newBuilder()
              .setCode(over ? RateLimitResponse.Code.OVER_LIMIT : RateLimitResponse.Code.OK)
              .setCurrentLimit(
                  RateLimitResponse.RateLimit.newBuilder()
                      .setRequestsPerUnit((int) max)
                      .setUnit(RateLimitResponse.RateLimit.Unit.HOUR))
              .setLimitRemaining((int) Math.max(0, max - count))
              .setDurationUntilReset(Duration.newBuilder().setSeconds(42)));
    }
    return out.build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
