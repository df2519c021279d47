package io.agw.gateway.http;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.cel.CelExpression;
import io.agw.gateway.errorformat.PolicyErrors;
import io.agw.model.resource.v1.ConditionalDirectResponse;
import io.agw.model.resource.v1.DirectResponse;
import io.agw.model.resource.v1.HeaderExpression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers with a configured status, body and headers instead of forwarding ({@code
 * directResponse}). The body is fixed or computed by a CEL expression over the request (a string as
 * it is, another value as JSON); header values are CEL expressions, and one that fails or gives
 * neither a string nor bytes is left out. In the conditional form the first entry whose condition
 * holds (or that has none) answers, and when none does the request goes on. A body expression that
 * fails answers 500 (agentgateway refuses the request too). Immutable; thread-safe.
 */
public final class DirectResponseFilter implements GatewayFilter {

  private record Header(String name, CelExpression value) {}

  private record Answer(
      HttpStatusCode status, byte[] body, CelExpression bodyExpression, List<Header> headers) {

    List<CelExpression> expressions() {
      List<CelExpression> out = new ArrayList<>();
      if (bodyExpression != null) {
        out.add(bodyExpression);
      }
      headers.forEach(h -> out.add(h.value()));
      return out;
    }
  }

  private record Entry(CelExpression condition, Answer answer) {}

  private final List<Entry> entries = new ArrayList<>();
  private final boolean readsBody;

  /**
   * @throws IllegalArgumentException when an expression does not compile
   */
  public DirectResponseFilter(DirectResponse response, CelEnvironment cel) {
    if (response.getConditionalCount() == 0) {
      entries.add(new Entry(null, answer(response, cel)));
    }
    for (ConditionalDirectResponse c : response.getConditionalList()) {
      entries.add(
          new Entry(
              c.getCondition().isEmpty() ? null : cel.compile(c.getCondition()),
              answer(c.getResponse(), cel)));
    }
    List<CelExpression> all = new ArrayList<>();
    for (Entry e : entries) {
      if (e.condition() != null) {
        all.add(e.condition());
      }
      all.addAll(e.answer().expressions());
    }
    this.readsBody = all.stream().anyMatch(CelExpression::readsRequestBody);
  }

  private static Answer answer(DirectResponse r, CelEnvironment cel) {
    List<Header> headers = new ArrayList<>();
    for (HeaderExpression h : r.getHeadersList()) {
      headers.add(new Header(h.getName(), cel.compile(h.getExpression())));
    }
    return new Answer(
        HttpStatusCode.valueOf(r.getStatus()),
        r.getBody().toByteArray(),
        r.getBodyExpression().isEmpty() ? null : cel.compile(r.getBodyExpression()),
        List.copyOf(headers));
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    Mono<ServerWebExchange> ready =
        readsBody ? RequestBodies.buffer(exchange) : Mono.just(exchange);
    return ready.flatMap(
        e -> {
          CelContext context = CelContext.request(e, RequestBodies.of(e));
          Optional<Answer> chosen =
              entries.stream()
                  .filter(entry -> entry.condition() == null || entry.condition().test(context))
                  .map(Entry::answer)
                  .findFirst();
          if (chosen.isEmpty()) {
            return chain.filter(e);
          }
          return DeferredChecks.thenAnswer(e, () -> write(e, chosen.get(), context));
        });
  }

  private static Mono<Void> write(ServerWebExchange exchange, Answer answer, CelContext context) {
    byte[] body = answer.body();
    if (answer.bodyExpression() != null) {
      Optional<String> computed = answer.bodyExpression().string(context);
      if (computed.isEmpty()) {
        return PolicyErrors.write(
            exchange,
            HttpStatus.INTERNAL_SERVER_ERROR,
            "direct_response_failed",
            "the direct response's body expression failed");
      }
      body = computed.get().getBytes(StandardCharsets.UTF_8);
    }
    var response = exchange.getResponse();
    response.setStatusCode(answer.status());
    for (Header h : answer.headers()) {
      headerValue(h.value(), context).ifPresent(v -> response.getHeaders().set(h.name(), v));
    }
    if (body.length == 0) {
      return response.setComplete();
    }
    response.getHeaders().setContentLength(body.length);
    byte[] bytes = body;
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
  }

  /** A string or bytes value; anything else (or an error) leaves the header out. */
  private static Optional<String> headerValue(CelExpression expression, CelContext context) {
    Object value;
    try {
      value = expression.eval(context);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (value instanceof String s) {
      return Optional.of(s);
    }
    if (value instanceof com.google.protobuf.ByteString b) {
      return Optional.of(b.toStringUtf8());
    }
    if (value instanceof dev.cel.common.values.CelByteString b) {
      return Optional.of(new String(b.toByteArray(), StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "DirectResponse[" + entries.size() + " entries]";
  }
}
