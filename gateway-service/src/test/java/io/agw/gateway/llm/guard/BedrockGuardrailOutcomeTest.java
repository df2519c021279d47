package io.agw.gateway.llm.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import io.agw.gateway.llm.wire.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ApplyGuardrail answers read as agentgateway reads them. */
class BedrockGuardrailOutcomeTest {

  private static Verdict of(String json, int sent) {
    return BedrockGuardrailOutcome.of(WireJson.tree(json), sent);
  }

  private static final String ANONYMIZED =
      "{\"sensitiveInformationPolicy\":{\"piiEntities\":[{\"type\":\"EMAIL\","
          + "\"action\":\"ANONYMIZED\"}]}}";
  private static final String BLOCKED =
      "{\"topicPolicy\":{\"topics\":[{\"name\":\"x\",\"action\":\"BLOCKED\"}]}}";

  @Test
  void noInterventionPasses() {
    assertThat(of("{\"action\":\"NONE\",\"outputs\":[],\"assessments\":[{}]}", 1))
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void anonymizedWithOneOutputPerTextMasks() {
    Verdict v =
        of(
            "{\"action\":\"GUARDRAIL_INTERVENED\",\"outputs\":[{\"text\":\"a {EMAIL}\"},"
                + "{\"text\":\"b\"}],\"assessments\":["
                + ANONYMIZED
                + "]}",
            2);
    assertThat(v).isEqualTo(new Verdict.Mask(List.of("a {EMAIL}", "b")));
  }

  @Test
  void anonymizedWithAnotherNumberOfOutputsRejects() {
    assertThat(
            of(
                "{\"action\":\"GUARDRAIL_INTERVENED\",\"outputs\":[{\"text\":\"a\"}],"
                    + "\"assessments\":["
                    + ANONYMIZED
                    + "]}",
                2))
        .isEqualTo(Verdict.Reject.configured());
  }

  @Test
  void blockedAnywhereRejectsEvenWhenAlsoAnonymized() {
    assertThat(
            of(
                "{\"action\":\"GUARDRAIL_INTERVENED\",\"outputs\":[{\"text\":\"Sorry\"}],"
                    + "\"assessments\":["
                    + ANONYMIZED
                    + ","
                    + BLOCKED
                    + "]}",
                1))
        .isEqualTo(Verdict.Reject.configured());
  }

  @Test
  void anInterventionWithoutAssessmentsRejects() {
    assertThat(of("{\"action\":\"GUARDRAIL_INTERVENED\",\"outputs\":[{\"text\":\"x\"}]}", 1))
        .isEqualTo(Verdict.Reject.configured());
  }

  @Test
  void anUnknownOrMissingActionIsAFailureWithoutTheAnswerInItsMessage() {
    assertThatThrownBy(() -> of("{\"outputs\":[{\"text\":\"secret text\"}]}", 1))
        .isInstanceOf(GuardServiceException.class)
        .hasMessageNotContaining("secret text");
    assertThatThrownBy(() -> of("{\"action\":\"MAYBE\"}", 1))
        .isInstanceOf(GuardServiceException.class);
  }
}
