package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Duration;
import io.agw.model.resource.v1.AiHealth;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider health ({@code policies.health.eviction}) on {@code ai} backends and the shorthand. */
class AiFailoverConfigTest {

  @Test
  void providerHealthIsKeptPerProvider() throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                binds:
                  - port: 4000
                    listeners:
                      - name: main
                        routes:
                          - name: chat
                            policies:
                              retry: {attempts: 2, backoff: 100ms, codes: [429, 503]}
                            backends:
                              - ai:
                                  groups:
                                    - providers:
                                        - name: primary
                                          provider: {openAI: {}}
                                          hostOverride: 127.0.0.1:9001
                                          policies:
                                            health:
                                              eviction: {duration: 30s, consecutiveFailures: 3}
                                    - providers:
                                        - name: secondary
                                          provider: {anthropic: {}}
                                          policies:
                                            health: {eviction: {duration: 0s}}
                """,
                Path.of("/etc/agw")));
    var groups = resources.get("backend/4000/main/chat/0").getBackend().getAi();
    AiProvider primary = groups.getGroups(0).getProviders(0);
    AiProvider secondary = groups.getGroups(1).getProviders(0);

    assertThat(primary.getHealth())
        .isEqualTo(
            AiHealth.newBuilder()
                .setEvictionDuration(Duration.newBuilder().setSeconds(30))
                .setConsecutiveFailures(3)
                .build());
    assertThat(primary.getPoliciesList()).isEmpty();
    assertThat(secondary.getHealth().hasEvictionDuration()).isTrue();
    assertThat(secondary.getHealth().getEvictionDuration().getSeconds()).isZero();
  }

  @Test
  void theShorthandTakesHealthPerModel() throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                llm:
                  port: 4000
                  models:
                    - name: gpt-4o
                      provider: openai
                      health: {eviction: {duration: 5s}}
                """,
                Path.of("/etc/agw")));
    AiProvider provider =
        resources.get("backend/llm").getBackend().getAi().getGroups(0).getProviders(0);

    assertThat(provider.getHealth().getEvictionDuration().getSeconds()).isEqualTo(5);
    assertThat(provider.getHealth().getConsecutiveFailures()).isZero();
  }

  @Test
  void virtualModelsBecomeProvidersOfTheirTargetsPinnedToTheTargetModel() throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                llm:
                  port: 4000
                  models:
                    - name: gpt-4o
                      provider: openai
                      params: {baseUrl: http://127.0.0.1:9001/v1}
                    - name: "claude-*"
                      provider: anthropic
                    - name: mini
                      provider: openai
                      params: {model: gpt-4o-mini}
                  virtualModels:
                    - name: smart
                      routing:
                        weighted:
                          targets:
                            - {model: gpt-4o, weight: 3}
                            - {model: claude-sonnet-4-5}
                            - {model: mini, weight: 0}
                    - name: reliable
                      routing:
                        failover:
                          targets:
                            - {model: claude-opus-4, priority: 5}
                            - {model: gpt-4o, priority: 1}
                            - {model: mini, priority: 5}
                """,
                Path.of("/etc/agw")));
    var ai = resources.get("backend/llm").getBackend().getAi();

    assertThat(ai.getGroupsCount()).isEqualTo(2);
    assertThat(ai.getGroups(0).getProvidersList())
        .extracting(AiProvider::getName, p -> p.getModelNames(0), AiProvider::getWeight)
        .containsExactly(
            tuple("gpt-4o", "gpt-4o", 0),
            tuple("claude-*", "claude-*", 0),
            tuple("mini", "mini", 0),
            tuple("smart/gpt-4o", "smart", 3),
            tuple("smart/claude-sonnet-4-5", "smart", 1),
            tuple("reliable/gpt-4o", "reliable", 0));
    AiProvider smartGpt = ai.getGroups(0).getProviders(3);
    assertThat(smartGpt.getOpenAi().getModel()).isEqualTo("gpt-4o");
    assertThat(smartGpt.getHostOverride()).isEqualTo("127.0.0.1:9001");
    assertThat(ai.getGroups(0).getProviders(4).getAnthropic().getModel())
        .isEqualTo("claude-sonnet-4-5");
    assertThat(ai.getGroups(1).getProvidersList())
        .extracting(AiProvider::getName)
        .containsExactly("reliable/claude-opus-4", "reliable/mini");
    // An entry's own pinned model stays.
    assertThat(ai.getGroups(1).getProviders(1).getOpenAi().getModel()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void theShorthandMapsVisibilityTransformationPromptCachingAndConditionalModels()
      throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                llm:
                  port: 4000
                  models:
                    - name: cheap
                      visibility: internal
                      provider: bedrock
                      params: {awsRegion: us-east-1, model: amazon.nova-lite-v1:0}
                      promptCaching: {cacheTools: true, minTokens: 0}
                    - name: "anthropic/*"
                      provider: anthropic
                      matches:
                        - headers: [{name: x-tier, value: {exact: beta}}]
                      transformation:
                        model: llmRequest.model.stripPrefix("anthropic/")
                  virtualModels:
                    - name: auto
                      routing:
                        conditional:
                          targets:
                            - {when: 'llmRequest.max_tokens < 100', model: cheap}
                            - {model: anthropic/claude-opus-4}
                    - name: weighted
                      routing:
                        weighted: {targets: [{model: cheap}]}
                """,
                Path.of("/etc/agw")));
    var ai = resources.get("backend/llm").getBackend().getAi();

    AiProvider cheap = ai.getGroups(0).getProviders(0);
    assertThat(cheap.getInternal()).isTrue();
    assertThat(cheap.getPromptCaching().getCacheSystem()).isTrue();
    assertThat(cheap.getPromptCaching().getCacheMessages()).isTrue();
    assertThat(cheap.getPromptCaching().getCacheTools()).isTrue();
    assertThat(cheap.getPromptCaching().getMinTokens()).isZero();
    assertThat(ai.getGroups(0).getProviders(1).getTransformationMap())
        .containsExactly(Map.entry("model", "llmRequest.model.stripPrefix(\"anthropic/\")"));
    assertThat(ai.getGroups(0).getProviders(1).getMatches(0).getHeaders(0).getName())
        .isEqualTo("x-tier");
    assertThat(ai.getGroups(0).getProviders(1).getMatches(0).getHeaders(0).getValue().getExact())
        .isEqualTo("beta");
    // A weighted target copies its entry but is callable by the virtual name.
    AiProvider weighted = ai.getGroups(0).getProviders(2);
    assertThat(weighted.getName()).isEqualTo("weighted/cheap");
    assertThat(weighted.getInternal()).isFalse();
    assertThat(weighted.getPromptCaching().getCacheTools()).isTrue();
    // Conditional models add no provider; they are chosen per request.
    assertThat(ai.getGroups(0).getProvidersCount()).isEqualTo(3);
    assertThat(ai.getConditionalModelsList()).hasSize(1);
    assertThat(ai.getConditionalModels(0).getName()).isEqualTo("auto");
    assertThat(ai.getConditionalModels(0).getTargetsList())
        .extracting(t -> t.getModel(), t -> t.getWhen())
        .containsExactly(
            tuple("cheap", "llmRequest.max_tokens < 100"), tuple("anthropic/claude-opus-4", ""));
  }
}
