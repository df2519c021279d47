package io.agw.gateway.http;

import io.agw.model.resource.v1.RequestMirror;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The {@code requestMirror} policy: for the configured fraction of requests, sends a copy of the
 * request as it leaves the route's policies (method, path and query, headers) to the mirror host,
 * without its body as agentgateway does, and discards the answer. The copy is sent on its own,
 * after the real request has gone on: a mirror that fails, refuses or never answers changes nothing
 * for the client. Immutable; thread-safe.
 */
public final class RequestMirrorFilter implements GatewayFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestMirrorFilter.class);

  /** A mirror that never answers is given up after this, so that its connections are released. */
  private static final Duration MIRROR_TIMEOUT = Duration.ofSeconds(60);

  /** Hop-by-hop headers and the body's framing, which the body-less copy must not carry. */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "expect");

  private final RequestMirror mirror;
  private final HttpClient client;
  private final String origin;

  public RequestMirrorFilter(RequestMirror mirror, HttpClient client) {
    this.mirror = mirror;
    this.client = client;
    String host = mirror.getHost().contains(":") ? "[" + mirror.getHost() + "]" : mirror.getHost();
    this.origin = "http://" + host + ":" + mirror.getPort();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    if (ThreadLocalRandom.current().nextDouble() < mirror.getPercentage()) {
      send(exchange.getRequest());
    }
    return chain.filter(exchange);
  }

  private void send(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    String uri = origin + request.getURI().getRawPath();
    if (request.getURI().getRawQuery() != null) {
      uri += "?" + request.getURI().getRawQuery();
    }
    client
        .headers(
            out ->
                headers.forEach(
                    (name, values) -> {
                      if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                        out.set(name, values);
                      }
                    }))
        .request(HttpMethod.valueOf(request.getMethod().name()))
        .uri(uri)
        .responseContent()
        .then()
        .timeout(MIRROR_TIMEOUT)
        .subscribe(
            null,
            e ->
                log.debug(
                    "request mirror to {}:{} failed: {}",
                    mirror.getHost(),
                    mirror.getPort(),
                    e.toString()));
  }

  @Override
  public String toString() {
    return "RequestMirror[" + origin + ", " + mirror.getPercentage() + "]";
  }
}
