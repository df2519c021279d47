package io.agw.gateway.support;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A sample extension filter, as a platform team would ship in its own jar: adds a request header
 * {@code x-stamp} with the configured value. Used from YAML as {@code filters: ["Stamp=value"]} or
 * {@code filters: [{name: Stamp, args: {value: v}}]}.
 */
public class StampGatewayFilterFactory
    extends AbstractGatewayFilterFactory<StampGatewayFilterFactory.Config> {

  /** The filter's settings. */
  public static class Config {
    private String value;

    public String getValue() {
      return value;
    }

    public Config setValue(String value) {
      this.value = value;
      return this;
    }
  }

  public StampGatewayFilterFactory() {
    super(Config.class);
  }

  @Override
  public List<String> shortcutFieldOrder() {
    return List.of("value");
  }

  @Override
  public GatewayFilter apply(Config config) {
    String value = config.getValue();
    return (exchange, chain) -> {
      ServerHttpRequest request = exchange.getRequest().mutate().header("x-stamp", value).build();
      return chain.filter(exchange.mutate().request(request).build());
    };
  }

  @Override
  public String toString() {
    return "Stamp";
  }
}
