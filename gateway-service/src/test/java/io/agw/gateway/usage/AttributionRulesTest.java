package io.agw.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.identity.Caller;
import io.agw.model.resource.v1.StandardAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * {@code config.standardAttributes}: the user and group expressions win over the API key's metadata
 * when they give a value, and leave it when they give none.
 */
class AttributionRulesTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  @Test
  void expressionsThatGiveAValueWinOverTheKeysMetadata() {
    MockServerWebExchange exchange =
        keyed(MockServerHttpRequest.get("/").header("x-team", "blue").header("x-user", "ann"));
    rules("request.headers[\"x-user\"]", "request.headers[\"x-team\"]", exchange);

    Attribution who = Attribution.of(exchange);

    assertThat(who.key()).isEqualTo("sha256:abc");
    assertThat(who.user()).isEqualTo("ann");
    assertThat(who.team()).isEqualTo("blue");
  }

  @Test
  void anExpressionWithoutAValueLeavesTheDefault() {
    MockServerWebExchange exchange = keyed(MockServerHttpRequest.get("/"));
    rules("request.headers[\"x-user\"]", "request.headers[\"x-team\"]", exchange);

    Attribution who = Attribution.of(exchange);

    assertThat(who.user()).isEqualTo("key-user");
    assertThat(who.team()).isEqualTo("key-team");
  }

  private static void rules(String user, String group, MockServerWebExchange exchange) {
    AttributionRules rules =
        AttributionRules.of(
            StandardAttributes.newBuilder().setUser(user).setGroup(group).build(), CEL);
    exchange.getAttributes().put(AttributionRules.ATTRIBUTE, rules);
  }

  private static MockServerWebExchange keyed(MockServerHttpRequest.BaseBuilder<?> request) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    Caller keyed =
        Caller.of(exchange)
            .withApiKey(
                new Caller.ApiKeyIdentity(
                    "secret", "sha256:abc", Map.of("user", "key-user", "team", "key-team"), null));
    exchange.getAttributes().put(Caller.ATTRIBUTE, keyed);
    return exchange;
  }
}
