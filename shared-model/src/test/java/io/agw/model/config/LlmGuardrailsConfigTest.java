package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.BuiltinPattern;
import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.PromptGuard;
import io.agw.model.resource.v1.RegexGuardRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code llm.models[].guardrails} and {@code llm.policies.guardrails}: the same guards as {@code
 * ai.promptGuard}, on each model's provider, the shared ones first.
 */
class LlmGuardrailsConfigTest {

  private static final String YAML =
      """
      llm:
        port: 4000
        policies:
          guardrails:
            request:
              - regex:
                  action: reject
                  rules: [{builtin: ssn}]
        models:
          - name: gpt-4o
            provider: openai
            defaults: {temperature: 0.2}
            guardrails:
              streaming: Enabled
              request:
                - regex:
                    rules: [{builtin: email}]
              response:
                - regex:
                    rules: [{pattern: "(?i)project apollo"}]
          - name: claude
            provider: anthropic
      """;

  private static PromptGuard guard(AiProvider provider) {
    return provider.getPoliciesList().stream()
        .filter(PolicySpec::hasAi)
        .map(p -> p.getAi().getPromptGuard())
        .findFirst()
        .orElseThrow();
  }

  private static List<AiProvider> providers(String yaml) throws Exception {
    return byKey(ConfigLoader.load(yaml, Path.of("/etc/agw")))
        .get("backend/llm")
        .getBackend()
        .getAi()
        .getGroups(0)
        .getProvidersList();
  }

  @Test
  void aModelsGuardrailsFollowTheSharedOnes() throws Exception {
    List<AiProvider> providers = providers(YAML);

    PromptGuard gpt = guard(providers.get(0));
    assertThat(gpt.getRequestList())
        .extracting(g -> g.getRegex().getRules(0).getBuiltin())
        .containsExactly(BuiltinPattern.BUILTIN_SSN, BuiltinPattern.BUILTIN_EMAIL);
    assertThat(gpt.getRequest(0).getRegex().getReject()).isTrue();
    assertThat(gpt.getResponse(0).getRegex().getRulesList())
        .containsExactly(RegexGuardRule.newBuilder().setPattern("(?i)project apollo").build());
    assertThat(gpt.getStreaming()).isTrue();
    assertThat(
            providers.get(0).getPoliciesList().stream()
                .filter(PolicySpec::hasAi)
                .findFirst()
                .orElseThrow()
                .getAi()
                .hasDefaults())
        .as("one ai policy with the model's defaults and guards")
        .isTrue();

    PromptGuard claude = guard(providers.get(1));
    assertThat(claude.getRequestList())
        .extracting(g -> g.getRegex().getRules(0).getBuiltin())
        .containsExactly(BuiltinPattern.BUILTIN_SSN);
    assertThat(claude.getResponseList()).isEmpty();
    assertThat(claude.getStreaming()).isFalse();
  }

  @Test
  void anInvalidGuardIsRefusedWithItsPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    """
                    llm:
                      port: 4000
                      models:
                        - name: gpt-4o
                          provider: openai
                          guardrails:
                            request:
                              - regex:
                                  rules: [{builtin: passport}]
                    """,
                    Path.of("/etc/agw")));
    assertThat(e).isNotNull();
    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("llm.models[0].guardrails.request[0].regex.rules[0].builtin: unknown built-in");
  }
}
