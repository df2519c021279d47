package io.agw.gateway.llm.dispatch;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.http.RequestBodies;
import org.springframework.web.server.ServerWebExchange;

/**
 * The CEL variables of a provider's answer while the dispatcher decides about it: the client's
 * request, and the answer's status and headers ({@code response.body} is not read yet). Stateless.
 */
final class Answers {

  private Answers() {}

  static CelContext of(ServerWebExchange exchange, int status) {
    return CelContext.response(
        exchange,
        RequestBodies.of(exchange),
        new CelContext.ResponseView(status, exchange.getResponse().getHeaders(), null));
  }
}
