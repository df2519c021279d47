package io.agw.gateway.llm.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LlmMetricsTest {

  @Test
  void recordsTokensByTypeWithGenAiTags() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LlmCall call = new LlmCall(ClientApi.COMPLETIONS, 0);
    call.provider("anthropic");
    call.requestModel("fast");
    call.usage(new TokenUsage(100L, 20L, 120L, 30L, null, 5L, null, "claude-x"));
    call.firstOutput(250_000_000L);
    new LlmMetrics(registry).record(call, 1_000_000_000L);

    var input =
        registry
            .get(LlmMetrics.TOKEN_USAGE)
            .tag("gen_ai.token.type", "input")
            .tag("gen_ai.operation.name", "chat")
            .tag("gen_ai.provider.name", "anthropic")
            .tag("gen_ai.request.model", "fast")
            .tag("gen_ai.response.model", "claude-x")
            .summary();
    assertThat(input.totalAmount()).isEqualTo(100);
    assertThat(
            registry
                .get(LlmMetrics.TOKEN_USAGE)
                .tag("gen_ai.token.type", "cached_input")
                .summary()
                .totalAmount())
        .isEqualTo(30);
    assertThat(
            registry
                .get(LlmMetrics.TOKEN_USAGE)
                .tag("gen_ai.token.type", "reasoning")
                .summary()
                .totalAmount())
        .isEqualTo(5);
    assertThat(registry.get(LlmMetrics.TIME_TO_FIRST_TOKEN).summary().totalAmount())
        .isEqualTo(0.25);
    assertThat(registry.get(LlmMetrics.OPERATION_DURATION).summary().totalAmount()).isEqualTo(1.0);
  }
}
