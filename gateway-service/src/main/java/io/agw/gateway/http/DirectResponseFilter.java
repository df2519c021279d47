package io.agw.gateway.http;

import io.agw.model.resource.v1.DirectResponse;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers with a configured status and body instead of forwarding ({@code directResponse}). */
public final class DirectResponseFilter implements GatewayFilter {

  private final HttpStatusCode status;
  private final byte[] body;

  public DirectResponseFilter(DirectResponse response) {
    this.status = HttpStatusCode.valueOf(response.getStatus());
    this.body = response.getBody().toByteArray();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return DeferredChecks.thenAnswer(exchange, () -> answer(exchange));
  }

  private Mono<Void> answer(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    if (body.length == 0) {
      return response.setComplete();
    }
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  @Override
  public String toString() {
    return "DirectResponse[" + status.value() + "]";
  }
}
