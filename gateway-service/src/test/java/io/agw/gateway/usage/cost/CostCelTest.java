package io.agw.gateway.usage.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.exchange.ClientApi;
import io.agw.gateway.exchange.LlmCall;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.model.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * CEL's {@code llm.cost} and {@code llm.costRates} as agentgateway defines them: absent until the
 * call is priced, then the cost in USD by kind of token and the rates after the tier was chosen.
 */
class CostCelTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  @Test
  void llmCostAndRatesAreSetOnceTheUsageIsKnown() throws Exception {
    ModelCatalogs catalogs =
        new ModelCatalogs(
            ConfigLoader.loadModelCatalog(
                "test",
                """
                providers:
                  openai:
                    models:
                      my-model:
                        rates: {input: "1", output: "2"}
                        tiers:
                          - contextOver: 1000
                            rates: {input: "4"}
                """));
    LlmCall call = new LlmCall(ClientApi.COMPLETIONS, 0);
    call.provider("openai");
    call.requestModel("my-model");
    call.pricer(new CallCosts(() -> catalogs));
    MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
    exchange.getAttributes().put(LlmFacts.ATTRIBUTE, call);

    assertThat(eval(exchange, "has(llm.cost)")).isEqualTo(false);

    call.usage(new TokenUsage(2_000L, 500L, 2_500L, null, null, null, null, null));

    // Over the 1000-token tier: 2000 x 4 + 500 x 2 per million.
    assertThat((Double) eval(exchange, "llm.cost.total * 1000000.0"))
        .isCloseTo(9_000, within(1e-6));
    assertThat((Double) eval(exchange, "llm.cost.input")).isCloseTo(0.008, within(1e-12));
    assertThat(eval(exchange, "llm.costRates.input")).isEqualTo(4.0);
    assertThat(eval(exchange, "llm.costRates.output")).isEqualTo(2.0);
    assertThat(eval(exchange, "has(llm.costRates.cacheRead)")).isEqualTo(false);
    assertThat(eval(exchange, "llm.cost.cacheRead == 0.0")).isEqualTo(true);
  }

  private static Object eval(MockServerWebExchange exchange, String expression) throws Exception {
    return CEL.compile(expression).eval(CelContext.request(exchange, null));
  }
}
