package io.agw.gateway.support;

import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import reactor.core.publisher.Mono;

/**
 * Stands in for the LLM runtime in tests: puts {@link LlmFacts} in the exchange, with the model
 * from the request header {@code x-model}, an estimate from {@code x-estimate}, and, once the
 * upstream has answered, the usage from {@code x-usage} (total tokens). Used as {@code filters:
 * [FakeLlm]}.
 */
public class FakeLlmGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

  public FakeLlmGatewayFilterFactory() {
    super(Object.class);
  }

  @Override
  public List<String> shortcutFieldOrder() {
    return List.of();
  }

  @Override
  public GatewayFilter apply(Object config) {
    return (exchange, chain) -> {
      var headers = exchange.getRequest().getHeaders();
      Facts facts =
          new Facts(
              headers.getFirst("x-model"),
              headers.getFirst("x-estimate") == null
                  ? OptionalLong.empty()
                  : OptionalLong.of(Long.parseLong(headers.getFirst("x-estimate"))));
      exchange.getAttributes().put(LlmFacts.ATTRIBUTE, facts);
      String usage = headers.getFirst("x-usage");
      return chain
          .filter(exchange)
          .then(
              Mono.fromRunnable(
                  () -> {
                    if (usage != null) {
                      facts.usage =
                          new TokenUsage(
                              null, null, Long.parseLong(usage), null, null, null, null, null);
                    }
                  }));
    };
  }

  static final class Facts implements LlmFacts {
    private final String model;
    private final OptionalLong estimate;
    volatile TokenUsage usage = TokenUsage.NONE;

    Facts(String model, OptionalLong estimate) {
      this.model = model;
      this.estimate = estimate;
    }

    @Override
    public String requestModel() {
      return model;
    }

    @Override
    public String provider() {
      return "openai";
    }

    @Override
    public ClientApi clientApi() {
      return ClientApi.OPENAI;
    }

    @Override
    public boolean streaming() {
      return false;
    }

    @Override
    public OptionalLong estimatedInputTokens() {
      return estimate;
    }

    @Override
    public TokenUsage usage() {
      return usage;
    }
  }
}
