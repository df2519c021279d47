package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code groq} provider preset, as agentgateway spells it, in the shorthand and on a backend.
 */
class GroqConfigTest {

  private static AiProvider provider(List<Resource> resources, String name) {
    return resources.stream()
        .filter(Resource::hasBackend)
        .filter(r -> r.getBackend().hasAi())
        .flatMap(r -> r.getBackend().getAi().getGroupsList().stream())
        .flatMap(g -> g.getProvidersList().stream())
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theLlmShorthandServesGroqModels() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(
                """
                llm:
                  port: 4002
                  models:
                    - name: llama
                      provider: groq
                      params:
                        model: llama-3.3-70b-versatile
                        apiKey: $GROQ_API_KEY
                """,
                Path.of("/etc/agw"))
            .resources();

    AiProvider groq = provider(resources, "llama");
    assertThat(groq.hasGroq()).isTrue();
    assertThat(groq.getGroq().getModel()).isEqualTo("llama-3.3-70b-versatile");
    assertThat(groq.getPoliciesList())
        .anySatisfy(
            p -> assertThat(p.getBackendAuth().getKey().getEnv()).isEqualTo("GROQ_API_KEY"));
  }

  @Test
  void anAiBackendNamesTheGroqKind() throws Exception {
    List<Resource> resources =
        ConfigLoader.load(
                """
                binds:
                  - port: 3000
                    listeners:
                      - routes:
                          - backends:
                              - ai:
                                  name: groq
                                  provider: {groq: {model: llama-3.1-8b-instant}}
                """,
                Path.of("/etc/agw"))
            .resources();

    assertThat(provider(resources, "groq").getGroq().getModel()).isEqualTo("llama-3.1-8b-instant");
  }
}
