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
      List<Header> set, List<Header> add, List<String> remove, CelExpression body) {

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
      return out;
    }

    void applyHeaders(HttpHeaders headers, CelContext context) {
      remove.forEach(headers::remove);
      set.forEach(h -> h.value().string(context).ifPresent(v -> headers.set(h.name(), v)));
      add.forEach(h -> h.value().string(context).ifPresent(v -> headers.add(h.name(), v)));
    }
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
        t.getBody().isEmpty() ? null : cel.compile(t.getBody()));
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
              .headers(h -> phase.applyHeaders(h, requestContext))
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
            phase.applyHeaders(response.getHeaders(), responseContext(target, response, null));
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
                phase.applyHeaders(headers, context);
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
