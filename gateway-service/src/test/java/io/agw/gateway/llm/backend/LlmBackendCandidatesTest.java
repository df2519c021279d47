package io.agw.gateway.llm.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.cel.CelEnvironment;
import io.agw.gateway.llm.registry.ProviderKind;
import io.agw.gateway.route.ValueCondition;
import io.agw.model.resource.v1.AiConditionalModel;
import io.agw.model.resource.v1.AiConditionalTarget;
import io.agw.model.resource.v1.AiProvider;
import io.agw.model.resource.v1.OpenAiProvider;
import io.agw.model.resource.v1.StringMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * Which providers a request may reach: internal models only as a conditional target, header matches
 * per model (agentgateway's {@code llm.models[].matches}), and what {@code /v1/models} lists.
 */
class LlmBackendCandidatesTest {

  private static LlmProvider provider(
      String name, boolean internal, List<List<ValueCondition>> matches) {
    AiProvider config =
        AiProvider.newBuilder()
            .setName(name)
            .setOpenAi(OpenAiProvider.getDefaultInstance())
            .addModelNames(name)
            .setInternal(internal)
            .build();
    return new LlmProvider(
        config,
        ProviderKind.of(config),
        null,
        null,
        List.of(new ModelPattern(name)),
        AiAdjustments.NONE,
        null,
        null,
        null,
        null,
        1,
        BodyTransformation.NONE,
        matches);
  }

  private static final LlmProvider CHEAP = provider("cheap", true, List.of());
  private static final LlmProvider BETA =
      provider(
          "gpt-4o",
          false,
          List.of(
              List.of(
                  ValueCondition.of("x-tier", StringMatch.newBuilder().setExact("beta").build()),
                  ValueCondition.of(
                      "x-team", StringMatch.newBuilder().setRegex("blue|green").build()))));
  private static final LlmProvider STABLE = provider("gpt-4o", false, List.of());

  private static final LlmBackend BACKEND =
      new LlmBackend(
          List.of(List.of(CHEAP, BETA), List.of(STABLE)),
          Map.of(
              "auto",
              ConditionalModel.of(
                  AiConditionalModel.newBuilder()
                      .setName("auto")
                      .addTargets(AiConditionalTarget.newBuilder().setModel("cheap"))
                      .build(),
                  new CelEnvironment())));

  private static HttpHeaders headers(String... nameValues) {
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(nameValues[i], nameValues[i + 1]);
    }
    return h;
  }

  @Test
  void anInternalModelIsReachedOnlyAsAConditionalTarget() {
    assertThat(BACKEND.candidates("cheap", false, headers())).isEmpty();
    assertThat(BACKEND.candidates("cheap", true, headers())).containsExactly(List.of(CHEAP));
  }

  @Test
  void aModelWithMatchesServesOnlyRequestsWhoseHeadersAllMatch() {
    assertThat(BACKEND.candidates("gpt-4o", false, headers("x-tier", "beta", "x-team", "green")))
        .containsExactly(List.of(BETA), List.of(STABLE));
    assertThat(BACKEND.candidates("gpt-4o", false, headers("x-tier", "beta")))
        .containsExactly(List.of(STABLE));
    assertThat(BACKEND.candidates("gpt-4o", false, headers("x-tier", "beta", "x-team", "red")))
        .containsExactly(List.of(STABLE));
  }

  @Test
  void theModelListLeavesInternalModelsOutAndNamesConditionalOnes() {
    assertThat(BACKEND.modelIds()).containsExactly("gpt-4o", "auto");
  }
}
