package io.agw.gateway.telemetry;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;

/**
 * A client span per HTTP request the gateway sends upstream (per attempt, so retries and LLM
 * failovers each get one), with the span's {@code traceparent} (and {@code tracestate}, {@code
 * baggage}) written into the upstream request in place of the caller's, so that the upstream joins
 * the trace under the gateway. Runs just before the routing filter; the span ends when the upstream
 * response's status and headers have arrived (the body is relayed afterwards and belongs to the
 * server span). LLM requests get their attempts under an LLM span ({@link LlmSpan}). A request that
 * is not traced passes through untouched. Immutable; thread-safe.
 */
public final class UpstreamSpanFilter implements GlobalFilter, Ordered {

  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    RequestTrace trace = RequestTrace.of(exchange);
    URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
    if (trace == null
        || url == null
        || ServerWebExchangeUtils.isAlreadyRouted(exchange)
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      return chain.filter(exchange);
    }
    String method = exchange.getRequest().getMethod().name();
    var builder =
        trace
            .child(method, SpanKind.CLIENT, LlmSpan.parent(exchange, trace))
            .setAttribute(ServerSpanFilter.METHOD, method)
            .setAttribute(ServerSpanFilter.SERVER_ADDRESS, String.valueOf(url.getHost()))
            .setAttribute(ServerSpanFilter.SERVER_PORT, (long) port(url))
            // Without the query: it may carry a credential (an API key parameter).
            .setAttribute(URL, url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath());
    Span span = builder.startSpan();
    ServerWebExchange traced =
        exchange
            .mutate()
            .request(
                r ->
                    r.headers(
                        h ->
                            trace
                                .propagator()
                                .inject(trace.context().with(span), h, HeaderCarrier.INSTANCE)))
            .build();
    return chain
        .filter(traced)
        .doOnError(
            e -> {
              span.setAttribute(ServerSpanFilter.ERROR_TYPE, e.getClass().getName());
              span.setStatus(StatusCode.ERROR);
            })
        .doFinally(signal -> end(exchange, span));
  }

  private static void end(ServerWebExchange exchange, Span span) {
    HttpClientResponse response = exchange.getAttribute(CLIENT_RESPONSE_ATTR);
    if (response != null) {
      int code = response.status().code();
      span.setAttribute(ServerSpanFilter.STATUS, (long) code);
      if (code >= 400) {
        span.setAttribute(ServerSpanFilter.ERROR_TYPE, Integer.toString(code));
        span.setStatus(StatusCode.ERROR);
      }
    }
    span.end();
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 80;
  }

  @Override
  public int getOrder() {
    // The gateway's routing filter runs at NettyRoutingFilter.ORDER - 2.
    return NettyRoutingFilter.ORDER - 3;
  }
}
