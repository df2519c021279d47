package io.agw.gateway.llm.response;

import io.agw.gateway.backend.redaction.SecretRedactingResponse;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.LlmCallHooks;
import io.agw.gateway.llm.telemetry.LlmMetrics;
import io.agw.gateway.telemetry.RequestTrace;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts the LLM response decorator in place before Spring Cloud Gateway's response writer captures
 * the exchange (so it must run before {@code NettyWriteResponseFilter}); the request filter tells
 * it later what to translate. Records the call's metrics once the response is written, the only
 * point where usage and the time to first token are known. Thread-safe.
 */
public final class LlmResponseFilter implements GatewayFilter {

  private final LlmMetrics metrics;
  private final LlmCallHooks usage;

  /**
   * @param usage counts each call's cost once it ends
   */
  public LlmResponseFilter(LlmMetrics metrics, LlmCallHooks usage) {
    this.metrics = metrics;
    this.usage = usage;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    LlmResponseDecorator.Slot slot = new LlmResponseDecorator.Slot(exchange.getAttributes());
    exchange.getAttributes().put(LlmResponseDecorator.Slot.ATTRIBUTE, slot);
    LlmResponseDecorator decorator = new LlmResponseDecorator(exchange.getResponse(), slot);
    return chain
        .filter(
            exchange
                .mutate()
                // Outermost, so the provider's own bytes are cleaned before translation.
                .response(new SecretRedactingResponse(decorator, exchange.getAttributes()))
                .build())
        // A stream reset by the provider: the client has its error event; end the exchange.
        .takeUntilOther(decorator.upstreamCut())
        .doFinally(
            signal -> {
              LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
              if (call != null) {
                call.ended();
              }
              if (call != null && call.api().hasModelBody() && !call.requestModel().isEmpty()) {
                metrics.record(call, System.nanoTime());
                call.traceId(RequestTrace.traceIdOf(exchange));
                usage.ended(exchange, call);
              }
            });
  }

  @Override
  public String toString() {
    return "LlmResponse";
  }
}
