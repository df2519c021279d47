package io.agw.gateway.backend.redaction;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts a {@link SecretRedactingResponse} in front of the client's response, on routes whose
 * backends carry credentials ({@link CredentialHeaders}). It must run before Spring Cloud Gateway's
 * response writer, which writes to the response of the exchange it was given; the credentials
 * themselves are recorded later, when each attempt's backend is chosen. Immutable and thread-safe.
 */
public final class SecretRedactionFilter implements GatewayFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    return chain.filter(
        exchange
            .mutate()
            .response(new SecretRedactingResponse(exchange.getResponse(), exchange.getAttributes()))
            .build());
  }

  @Override
  public String toString() {
    return "SecretRedaction";
  }
}
