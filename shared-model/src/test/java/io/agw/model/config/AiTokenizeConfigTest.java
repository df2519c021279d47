package io.agw.model.config;

import static io.agw.model.config.ConfigLoaderTest.byKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AiBackend;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tokenize} on inline and grouped {@code ai} providers and on the {@code llm} shorthand. */
class AiTokenizeConfigTest {

  @Test
  void tokenizeIsSetPerProvider() throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                binds:
                  - port: 4000
                    listeners:
                      - name: main
                        routes:
                          - name: inline
                            backends:
                              - ai:
                                  name: one
                                  provider: {openAI: {}}
                                  tokenize: true
                          - name: grouped
                            backends:
                              - ai:
                                  groups:
                                    - providers:
                                        - name: counted
                                          provider: {openAI: {}}
                                          tokenize: true
                                        - name: plain
                                          provider: {anthropic: {}}
                """,
                Path.of("/etc/agw")));
    AiBackend inline = resources.get("backend/4000/main/inline/0").getBackend().getAi();
    AiBackend grouped = resources.get("backend/4000/main/grouped/0").getBackend().getAi();

    assertThat(inline.getGroups(0).getProviders(0).getTokenize()).isTrue();
    assertThat(grouped.getGroups(0).getProviders(0).getTokenize()).isTrue();
    assertThat(grouped.getGroups(0).getProviders(1).getTokenize()).isFalse();
  }

  @Test
  void theLlmShorthandTakesTokenizeFromTheModelParams() throws Exception {
    Map<String, Resource> resources =
        byKey(
            ConfigLoader.load(
                """
                llm:
                  port: 4001
                  models:
                    - name: gpt-4o
                      provider: openai
                      params: {tokenize: true}
                    - name: claude
                      provider: anthropic
                """,
                Path.of("/etc/agw")));

    var providers =
        resources.values().stream()
            .filter(Resource::hasBackend)
            .flatMap(r -> r.getBackend().getAi().getGroupsList().stream())
            .flatMap(g -> g.getProvidersList().stream())
            .toList();
    assertThat(providers)
        .filteredOn(p -> p.getModelNamesList().contains("gpt-4o"))
        .singleElement()
        .satisfies(p -> assertThat(p.getTokenize()).isTrue());
    assertThat(providers)
        .filteredOn(p -> p.getModelNamesList().contains("claude"))
        .singleElement()
        .satisfies(p -> assertThat(p.getTokenize()).isFalse());
  }
}
