package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import io.agw.gateway.llm.wire.WireJson;
import org.junit.jupiter.api.Test;

/** Model Armor sanitize answers: any match rejects, in a map or a list of filter results. */
class ModelArmorOutcomeTest {

  private static Verdict of(String json) {
    return ModelArmorOutcome.of(WireJson.tree(json));
  }

  @Test
  void noMatchPasses() {
    assertThat(
            of(
                "{\"sanitizationResult\":{\"filterMatchState\":\"NO_MATCH_FOUND\","
                    + "\"filterResults\":{\"rai\":{\"raiFilterResult\":"
                    + "{\"matchState\":\"NO_MATCH_FOUND\"}}}}}"))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void theOverallMatchStateRejects() {
    assertThat(of("{\"sanitizationResult\":{\"filterMatchState\":\"MATCH_FOUND\"}}"))
        .isEqualTo(Verdict.Reject.configured());
  }

  @Test
  void aNestedFilterMatchRejectsInAMapOrAList() {
    assertThat(
            of(
                "{\"sanitizationResult\":{\"filterResults\":{\"sdp\":{\"sdpFilterResult\":"
                    + "{\"deidentifyResult\":{\"matchState\":\"MATCH_FOUND\"}}}}}}"))
        .isEqualTo(Verdict.Reject.configured());
    assertThat(
            of(
                "{\"sanitizationResult\":{\"filterResults\":[{\"csamFilterResult\":"
                    + "{\"matchState\":\"MATCH_FOUND\"}}]}}"))
        .isEqualTo(Verdict.Reject.configured());
  }

  @Test
  void anAnswerWithoutASanitizationResultIsAFailure() {
    assertThatThrownBy(() -> of("{\"error\":{\"message\":\"prompt text\"}}"))
        .isInstanceOf(GuardServiceException.class)
        .hasMessageNotContaining("prompt text");
  }
}
