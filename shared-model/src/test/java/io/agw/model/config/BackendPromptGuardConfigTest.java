package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static io.agw.model.config.ConfigLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code promptGuard} in the {@code ai} policy of backends: a named backend, a route's reference to
 * it and an {@code ai} provider each carry their own guards, next to the route's.
 */
class BackendPromptGuardConfigTest {

  private static PromptGuard guard(List<PolicySpec> policies) {
    return policies.stream()
        .filter(PolicySpec::hasAi)
        .map(p -> p.getAi().getPromptGuard())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void backendsCarryTheirOwnPromptGuards() throws Exception {
    Map<String, Resource> resources =
        byKey(ConfigLoader.load(resource("backend-prompt-guard.yaml"), Path.of("/etc/agw")));

    PromptGuard onBackend =
        guard(resources.get("backend/shared-llm").getBackend().getPoliciesList());
    assertThat(onBackend.getRequest(0).getRegex().getReject()).isTrue();
    assertThat(onBackend.getRequest(0).getRegex().getRulesList())
        .containsExactly(
            RegexGuardRule.newBuilder().setBuiltin(BuiltinPattern.BUILTIN_SSN).build());

    var named = resources.get("route/4000/llm/named").getRoute();
    assertThat(guard(named.getPoliciesList()).getRequest(0).getRegex().getRules(0).getBuiltin())
        .isEqualTo(BuiltinPattern.BUILTIN_EMAIL);
    PromptGuard onReference = guard(named.getBackends(0).getPoliciesList());
    assertThat(onReference.getRequestList()).isEmpty();
    assertThat(onReference.getResponse(0).getRegex().getRules(0).getBuiltin())
        .isEqualTo(BuiltinPattern.BUILTIN_PHONE_NUMBER);

    var inline = resources.get("route/4000/llm/inline").getRoute();
    Resource inlineBackend = resources.get(inline.getBackends(0).getBackendKey());
    PromptGuard onProvider =
        guard(inlineBackend.getBackend().getAi().getGroups(0).getProviders(0).getPoliciesList());
    assertThat(onProvider.getRequest(0).getRegex().getRules(0).getPattern())
        .isEqualTo("(?i)project apollo");
  }
}
