package io.agw.gateway.http;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelContext.ResponseView;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.model.resource.v1.ConditionalTransformation;
import io.agw.model.resource.v1.HeaderExpression;
import io.agw.model.resource.v1.Transform;
import io.agw.model.resource.v1.Transformations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code transformations} policy: request and response headers set, added and removed with
 * values computed by CEL, and bodies replaced by a CEL expression. The first entry whose condition
 * holds (or that has none) applies to both phases. A header expression that fails to evaluate
 * leaves that header unchanged; a failing body expression keeps the body. Bodies are buffered only
 * when an expression reads or replaces them. Must run before {@code NettyWriteResponseFilter} to
 * see the response body. Immutable; thread-safe.
 */
public final class TransformationFilter implements GatewayFilter {

  private record Compiled(CelExpression condition, Phase request, Phase response) {}

  private record Header(String name, CelExpression value) {}

  private record Phase(
      List<Header> set,
      List<Header> add,
      List<String> remove,
      CelExpression body,
      CelExpression replace,
      List<Header> metadata) {

    boolean readsRequestBody() {
      return all().stream().anyMatch(CelExpression::readsRequestBody);
    }

    boolean readsResponseBody() {
      return body != null || all().stream().anyMatch(CelExpression::readsResponseBody);
    }

    List<CelExpression> all() {
      List<CelExpression> out = new ArrayList<>();
      set.forEach(h -> out.add(h.value()));
      add.forEach(h -> out.add(h.value()));
      if (body != null) {
        out.add(body);
      }
      if (replace != null) {
        out.add(replace);
      }
      metadata.forEach(h -> out.add(h.value()));
      return out;
    }

    /** Metadata first (a value that fails is skipped), then replace, as agentgateway does. */
    void applyHeaders(HttpHeaders headers, CelContext context, ServerWebExchange exchange) {
      if (!metadata.isEmpty()) {
        Map<String, Object> values =
            castMetadata(
                exchange
                    .getAttributes()
                    .computeIfAbsent(
                        CelContext.METADATA_ATTRIBUTE,
                        k -> new ConcurrentHashMap<String, Object>()));
        for (Header h : metadata) {
          try {
            Object value = h.value().eval(context);
            if (value != null) {
              values.put(h.name(), value);
            }
          } catch (Exception e) {
            // agentgateway leaves a metadata value that fails unset
          }
        }
      }
      if (replace != null) {
        replaceHeaders(replace, headers, context);
      }
      remove.forEach(headers::remove);
      set.forEach(h -> h.value().string(context).ifPresent(v -> headers.set(h.name(), v)));
      add.forEach(h -> h.value().string(context).ifPresent(v -> headers.add(h.name(), v)));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMetadata(Object map) {
    return (Map<String, Object>) map;
  }

  /**
   * Replaces every header but Host with the map the expression gives (a list value repeats the
   * header; pseudo-headers are skipped); a failure or a non-map result leaves the headers
   * untouched.
   */
  private static void replaceHeaders(CelExpression replace, HttpHeaders headers, CelContext c) {
    Object value;
    try {
      value = replace.eval(c);
    } catch (Exception e) {
      return;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return;
    }
    // The Host header is the request's authority, a pseudo-header to agentgateway: it stays.
    String host = headers.getFirst(HttpHeaders.HOST);
    headers.clear();
    if (host != null) {
      headers.set(HttpHeaders.HOST, host);
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.startsWith(":") || name.isBlank()) {
        continue;
      }
      if (e.getValue() instanceof List<?> items) {
        for (Object item : items) {
          headerText(item).ifPresent(v -> headers.add(name, v));
        }
      } else {
        headerText(e.getValue()).ifPresent(v -> headers.set(name, v));
      }
    }
  }

  private static Optional<String> headerText(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return Optional.of(value.toString());
    }
    return Optional.empty();
  }

  private final List<Compiled> entries = new ArrayList<>();

  /**
   * @throws IllegalArgumentException when an expression does not compile
   */
  public TransformationFilter(Transformations policy, CelEnvironment cel) {
    for (ConditionalTransformation e : policy.getEntriesList()) {
      entries.add(
          new Compiled(
              e.getCondition().isEmpty() ? null : cel.compile(e.getCondition()),
              e.hasRequest() ? phase(e.getRequest(), cel) : null,
              e.hasResponse() ? phase(e.getResponse(), cel) : null));
    }
  }

  private static Phase phase(Transform t, CelEnvironment cel) {
    return new Phase(
        headers(t.getSetList(), cel),
        headers(t.getAddList(), cel),
        List.copyOf(t.getRemoveList()),
        t.getBody().isEmpty() ? null : cel.compile(t.getBody()),
        t.getReplace().isEmpty() ? null : cel.compile(t.getReplace()),
        headers(t.getMetadataList(), cel));
  }

  private static List<Header> headers(List<HeaderExpression> list, CelEnvironment cel) {
    return list.stream().map(h -> new Header(h.getName(), cel.compile(h.getExpression()))).toList();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    boolean conditionsReadBody =
        entries.stream()
            .anyMatch(
                e ->
                    (e.condition() != null && e.condition().readsRequestBody())
                        || (e.request() != null && e.request().readsRequestBody())
                        || (e.response() != null && e.response().readsRequestBody()));
    Mono<ServerWebExchange> ready =
        conditionsReadBody ? RequestBodies.buffer(exchange) : Mono.just(exchange);
    return ready.flatMap(e -> apply(e, chain));
  }

  private Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
    CelContext requestContext = CelContext.request(exchange, RequestBodies.of(exchange));
    Compiled chosen =
        entries.stream()
            .filter(e -> e.condition() == null || e.condition().test(requestContext))
            .findFirst()
            .orElse(null);
    if (chosen == null) {
      return chain.filter(exchange);
    }
    ServerWebExchange current = exchange;
    if (chosen.request() != null) {
      Phase phase = chosen.request();
      var request =
          exchange
              .getRequest()
              .mutate()
              .headers(h -> phase.applyHeaders(h, requestContext, exchange))
              .build();
      current = exchange.mutate().request(request).build();
      if (phase.body() != null) {
        String body = phase.body().string(requestContext).orElse(null);
        if (body != null) {
          current = RequestBodies.replace(current, body.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    if (chosen.response() == null) {
      return chain.filter(current);
    }
    Phase phase = chosen.response();
    ServerWebExchange target = current;
    if (!phase.readsResponseBody()) {
      ServerHttpResponse response = target.getResponse();
      response.beforeCommit(
          () -> {
            phase.applyHeaders(
                response.getHeaders(), responseContext(target, response, null), target);
            return Mono.empty();
          });
      return chain.filter(target);
    }
    return chain.filter(target.mutate().response(new BodyRewriting(target, phase)).build());
  }

  private static CelContext responseContext(
      ServerWebExchange exchange, ServerHttpResponse response, byte[] body) {
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode().value();
    return CelContext.response(
        exchange,
        RequestBodies.of(exchange),
        new ResponseView(status, response.getHeaders(), body));
  }

  /** Buffers the response body, then writes the transformed headers and body. */
  private static final class BodyRewriting extends ServerHttpResponseDecorator {

    private final ServerWebExchange exchange;
    private final Phase phase;

    BodyRewriting(ServerWebExchange exchange, Phase phase) {
      super(exchange.getResponse());
      this.exchange = exchange;
      this.phase = phase;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      return DataBufferUtils.join(Flux.from(body), RequestBodies.MAX_BYTES)
          .map(
              buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return bytes;
              })
          .defaultIfEmpty(new byte[0])
          .flatMap(
              bytes -> {
                CelContext context = responseContext(exchange, getDelegate(), bytes);
                byte[] out = bytes;
                if (phase.body() != null) {
                  out =
                      phase
                          .body()
                          .string(context)
                          .map(s -> s.getBytes(StandardCharsets.UTF_8))
                          .orElse(bytes);
                }
                HttpHeaders headers = getDelegate().getHeaders();
                phase.applyHeaders(headers, context, exchange);
                headers.remove(HttpHeaders.TRANSFER_ENCODING);
                headers.setContentLength(out.length);
                byte[] written = out;
                return getDelegate()
                    .writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(written)));
              });
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
      return writeWith(Flux.from(body).flatMapSequential(p -> p));
    }
  }

  @Override
  public String toString() {
    return "Transformations[" + entries.size() + " entries]";
  }
}
