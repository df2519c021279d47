package io.agw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.cel.CelContext;
import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.exchange.LlmFacts;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.security.AuthorizationRules.Early;
import io.agw.model.resource.v1.Authorization;
import io.agw.model.resource.v1.AuthorizationRule;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * How an {@code authorization} policy is split into rules decided before rate limits (request and
 * identity) and rules decided once the LLM facts or the backend are known, and that the two phases
 * together decide exactly what the whole policy decides at once.
 */
class AuthorizationRulesTest {

  private static final CelEnvironment CEL = new CelEnvironment();

  /** The LLM runtime's facts for a call of {@code model}. */
  private record Facts(String requestModel, boolean streaming) implements LlmFacts {
    @Override
    public String provider() {
      return "openai";
    }

    @Override
    public ClientApi clientApi() {
      return ClientApi.OPENAI;
    }

    @Override
    public OptionalLong estimatedInputTokens() {
      return OptionalLong.empty();
    }

    @Override
    public TokenUsage usage() {
      return TokenUsage.NONE;
    }
  }

  private static AuthorizationRules rules(String... kindAndRule) {
    Authorization.Builder b = Authorization.newBuilder();
    for (int i = 0; i < kindAndRule.length; i += 2) {
      AuthorizationRule.Builder r = AuthorizationRule.newBuilder();
      switch (kindAndRule[i]) {
        case "allow" -> r.setAllow(kindAndRule[i + 1]);
        case "deny" -> r.setDeny(kindAndRule[i + 1]);
        default -> r.setRequire(kindAndRule[i + 1]);
      }
      b.addRules(r);
    }
    return new AuthorizationRules(b.build(), CEL);
  }

  private static MockServerWebExchange exchange(boolean admin) {
    var request = MockServerHttpRequest.post("/v1/chat/completions");
    if (admin) {
      request.header("x-admin", "yes");
    }
    return MockServerWebExchange.from(request);
  }

  /** The context before the LLM body is parsed. */
  private static CelContext early(boolean admin) {
    return CelContext.request(exchange(admin), null);
  }

  /** The context once the LLM runtime named the model. */
  private static CelContext late(boolean admin, String model, boolean streaming) {
    MockServerWebExchange exchange = exchange(admin);
    exchange.getAttributes().put(LlmFacts.ATTRIBUTE, new Facts(model, streaming));
    return CelContext.request(exchange, null);
  }

  @Test
  void rulesReadingLlmOrBackendAreLate() {
    assertThat(rules("allow", "request.method == 'POST'").hasLateRules()).isFalse();
    assertThat(rules("deny", "jwt.sub == 'x' || llm.streaming").hasLateRules()).isTrue();
    assertThat(rules("require", "backend.name != ''").hasLateRules()).isTrue();
  }

  @Test
  void anEarlyAllowIsRememberedAndALateAllowCanStillAllow() {
    AuthorizationRules rules =
        rules(
            "allow", "request.headers['x-admin'] == 'yes'",
            "allow", "llm.requestModel == 'gpt-4o-mini'");
    assertThat(rules.early(early(true))).isEqualTo(Early.ALLOWED);
    assertThat(rules.late(late(true, "o3", false), true)).isTrue();
    assertThat(rules.early(early(false))).isEqualTo(Early.NEEDS_LATE_ALLOW);
    assertThat(rules.late(late(false, "gpt-4o-mini", false), false)).isTrue();
    assertThat(rules.late(late(false, "gpt-4o", false), false)).isFalse();
  }

  @Test
  void denyWinsInEitherPhase() {
    AuthorizationRules rules =
        rules(
            "allow", "request.headers['x-admin'] == 'yes'",
            "deny", "llm.requestModel.startsWith('o3')",
            "deny", "request.path.endsWith('/completions') && !('x-admin' in request.headers)");
    assertThat(rules.early(early(false))).isEqualTo(Early.REFUSE);
    assertThat(rules.early(early(true))).isEqualTo(Early.ALLOWED);
    assertThat(rules.late(late(true, "o3-mini", false), true)).isFalse();
    assertThat(rules.late(late(true, "gpt-4o", false), true)).isTrue();
  }

  @Test
  void aLateRequireMustHoldEvenWhenAllowedEarly() {
    AuthorizationRules rules =
        rules("allow", "request.method == 'POST'", "require", "!llm.streaming");
    assertThat(rules.early(early(false))).isEqualTo(Early.ALLOWED);
    assertThat(rules.late(late(false, "m", true), true)).isFalse();
    assertThat(rules.late(late(false, "m", false), true)).isTrue();
  }

  @Test
  void onlyEarlyAllowRulesRefuseEarlyWhenNoneHolds() {
    AuthorizationRules rules =
        rules("allow", "request.headers['x-admin'] == 'yes'", "deny", "llm.streaming");
    assertThat(rules.early(early(false))).isEqualTo(Early.REFUSE);
  }

  @Test
  void bothPhasesAtOnceMatchThePolicy() {
    AuthorizationRules rules =
        rules(
            "allow", "request.headers['x-admin'] == 'yes'",
            "allow", "llm.requestModel == 'gpt-4o-mini'",
            "deny", "llm.streaming");
    assertThat(rules.allowed(late(false, "gpt-4o-mini", false))).isTrue();
    assertThat(rules.allowed(late(false, "gpt-4o", false))).isFalse();
    assertThat(rules.allowed(late(true, "gpt-4o", false))).isTrue();
    assertThat(rules.allowed(late(true, "gpt-4o", true))).isFalse();
    // Without the LLM facts, a late allow cannot hold and a late deny cannot fire.
    assertThat(rules.allowed(early(false))).isFalse();
    assertThat(rules.allowed(early(true))).isTrue();
  }

  @Test
  void noRulesAllowEverything() {
    assertThat(rules().allowed(early(false))).isTrue();
  }
}
