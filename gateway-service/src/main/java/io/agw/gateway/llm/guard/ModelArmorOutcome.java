package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import tools.jackson.databind.JsonNode;

/**
 * What a Model Armor sanitize answer means: the content is rejected when the template's overall
 * {@code sanitizationResult.filterMatchState} is {@code MATCH_FOUND} or any filter result under
 * {@code filterResults} (RAI, prompt injection and jailbreak, malicious URIs, CSAM, virus scan,
 * Sensitive Data Protection inspect or de-identify) has {@code matchState: MATCH_FOUND}, as
 * agentgateway decides; otherwise it passes. Model Armor never masks here: a de-identified text is
 * a match, so it rejects. Stateless.
 */
final class ModelArmorOutcome {

  private static final String MATCH_FOUND = "MATCH_FOUND";

  private ModelArmorOutcome() {}

  /**
   * @throws GuardServiceException when the answer holds no {@code sanitizationResult}
   */
  static Verdict of(JsonNode answer) {
    JsonNode result = answer.get("sanitizationResult");
    if (result == null || !result.isObject()) {
      throw new GuardServiceException(
          GoogleModelArmorGuard.KIND + " answered without a sanitizationResult");
    }
    boolean matched =
        MATCH_FOUND.equals(result.path("filterMatchState").asString(""))
            || matchFound(result.path("filterResults"));
    return matched ? Verdict.Reject.configured() : Verdict.PASS;
  }

  /** Whether {@code "matchState": "MATCH_FOUND"} appears anywhere in {@code node}. */
  private static boolean matchFound(JsonNode node) {
    if (node.isObject()) {
      JsonNode state = node.get("matchState");
      if (state != null && MATCH_FOUND.equals(state.asString(""))) {
        return true;
      }
    }
    if (node.isObject() || node.isArray()) {
      for (JsonNode child : node.isObject() ? node.values() : node) {
        if (matchFound(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
