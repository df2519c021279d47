package io.agw.gateway.usage.budget;

import io.agw.gateway.exchange.CostRates;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.policy.FilterOrder;
import io.agw.gateway.usage.cost.ModelPrices;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stand-ins for part A (cost) until it is merged: a price list for the simulators' models, and the
 * running count of streamed output tokens ({@link LlmCall#addStreamedOutputTokens}), one token per
 * content delta the client receives.
 */
@TestConfiguration(proxyBeanMethods = false)
class BudgetTestBeans {

  /** USD per million tokens: gpt-4o* 2.50 in / 10 out, claude-* 3 in / 15 out. */
  @Bean
  @Primary
  ModelPrices testModelPrices() {
    return (provider, model, contextTokens) -> {
      if (model.startsWith("gpt-4o")) {
        return new CostRates(2.5, 10.0, 1.25, null, null, null, null);
      }
      if (model.startsWith("claude-")) {
        return new CostRates(3.0, 15.0, 0.3, 3.75, null, null, null);
      }
      return null;
    };
  }

  @Bean
  GlobalFilter streamedTokenCounter() {
    return new StreamedTokenCounter();
  }

  /** Wraps the response outside the LLM decorator, so it sees the client's translated stream. */
  static final class StreamedTokenCounter implements GlobalFilter, Ordered {
    @Override
    public int getOrder() {
      return FilterOrder.LLM_RESPONSE - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
      var counting =
          new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeAndFlushWith(
                Publisher<? extends Publisher<? extends DataBuffer>> body) {
              return super.writeAndFlushWith(
                  Flux.from(body).map(part -> Flux.from(part).doOnNext(b -> count(exchange, b))));
            }
          };
      return chain.filter(exchange.mutate().response(counting).build());
    }

    private static void count(ServerWebExchange exchange, DataBuffer buffer) {
      LlmCall call = exchange.getAttribute(LlmCall.ATTRIBUTE);
      if (call == null) {
        return;
      }
      String text =
          buffer.toString(
              buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8);
      int deltas = text.split("\"content\":\"", -1).length - 1;
      if (deltas > 0) {
        call.addStreamedOutputTokens(deltas);
      }
    }
  }
}
