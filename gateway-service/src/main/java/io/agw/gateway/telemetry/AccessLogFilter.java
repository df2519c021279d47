package io.agw.gateway.telemetry;

import io.agw.gateway.backend.Backend;
import io.agw.gateway.identity.Caller;
import io.agw.gateway.route.RouteMatchResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every request on a traffic port: one JSON access-log line (logger {@code agw.access}) and
 * the {@code agw.requests} timer tagged by listener, route, backend, method and status. Runs
 * outside everything else so that 404s and errors are recorded too.
 */
public final class AccessLogFilter implements WebFilter {

  private static final Logger access = LoggerFactory.getLogger("agw.access");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String listener;
  private final boolean logEnabled;
  private final MeterRegistry meters;

  public AccessLogFilter(String listener, boolean logEnabled, MeterRegistry meters) {
    this.listener = listener;
    this.logEnabled = logEnabled;
    this.meters = meters;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long start = System.nanoTime();
    AtomicLong bytes = new AtomicLong();
    ServerHttpResponseDecorator counting =
        new ServerHttpResponseDecorator(exchange.getResponse()) {
          @Override
          public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return super.writeWith(
                Flux.from(body).doOnNext(b -> bytes.addAndGet(b.readableByteCount())));
          }

          @Override
          public Mono<Void> writeAndFlushWith(
              Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(
                Flux.from(body)
                    .map(p -> Flux.from(p).doOnNext(b -> bytes.addAndGet(b.readableByteCount()))));
          }
        };
    ServerWebExchange counted = exchange.mutate().response(counting).build();
    return chain.filter(counted).doFinally(signal -> record(counted, start, bytes.get()));
  }

  private void record(ServerWebExchange exchange, long start, long bytes) {
    long nanos = System.nanoTime() - start;
    RouteMatchResult match = exchange.getAttribute(RouteMatchResult.ATTRIBUTE);
    Backend backend = exchange.getAttribute(Backend.ATTRIBUTE);
    var status = exchange.getResponse().getStatusCode();
    String route = match == null ? "" : match.route().name();
    String listenerName = match == null ? listener : match.route().listener();
    String backendName = backend == null ? "" : backend.name();
    int code = status == null ? 200 : status.value();
    String method = exchange.getRequest().getMethod().name();
    Timer.builder("agw.requests")
        .description("Requests served on traffic ports")
        .tag("listener", listenerName)
        .tag("route", route)
        .tag("backend", backendName)
        .tag("method", method)
        .tag("status", Integer.toString(code))
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (!logEnabled || !access.isInfoEnabled()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("listener", listenerName);
    line.put("route", route);
    line.put("backend", backendName);
    line.put("method", method);
    line.put("path", exchange.getRequest().getPath().value());
    line.put("status", code);
    line.put("duration_ms", nanos / 1_000_000.0);
    line.put("bytes", bytes);
    Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
    if (caller != null) {
      putCaller(line, caller);
    }
    access.info(JSON.writeValueAsString(line));
  }

  /** Who called: identities only, never a credential (no token, no key, no password). */
  private static void putCaller(Map<String, Object> line, Caller caller) {
    if (caller.jwt() != null) {
      line.put("jwt_sub", caller.jwt().subject());
      line.put("jwt_iss", caller.jwt().issuer());
    }
    if (caller.apiKey() != null) {
      line.put("api_key", caller.apiKey().metadata());
    }
    if (caller.basicUser() != null) {
      line.put("basic_user", caller.basicUser());
    }
    if (caller.certificate() != null) {
      line.put("client_subject", caller.certificate().subject());
    }
  }
}
