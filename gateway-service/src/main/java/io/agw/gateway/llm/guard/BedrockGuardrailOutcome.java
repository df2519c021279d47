package io.agw.gateway.llm.guard;

import io.agw.gateway.llm.guard.GuardServiceClient.GuardServiceException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What an ApplyGuardrail answer means, as agentgateway reads it: {@code action: NONE} passes; a
 * {@code GUARDRAIL_INTERVENED} whose assessments anonymized (some {@code "action": "ANONYMIZED"})
 * and blocked nothing (no {@code "action": "BLOCKED"} anywhere) masks, with its outputs as the new
 * texts, provided there is exactly one output per text sent; any other intervention rejects (its
 * outputs are then the guardrail's canned message, not masks). Stateless.
 */
final class BedrockGuardrailOutcome {

  static final String KIND = BedrockGuardrailsGuard.KIND;

  private BedrockGuardrailOutcome() {}

  /**
   * @throws GuardServiceException when the answer has no action the API defines
   */
  static Verdict of(JsonNode answer, int sent) {
    String action = answer.path("action").asString("");
    switch (action) {
      case "NONE" -> {
        return Verdict.PASS;
      }
      case "GUARDRAIL_INTERVENED" -> {
        // handled below
      }
      default -> throw new GuardServiceException(KIND + " answered without a known action");
    }
    JsonNode assessments = answer.path("assessments");
    if (!hasAction(assessments, "BLOCKED") && hasAction(assessments, "ANONYMIZED")) {
      List<String> outputs = new ArrayList<>();
      for (JsonNode output : answer.path("outputs")) {
        outputs.add(output.path("text").asString(""));
      }
      if (outputs.size() == sent) {
        return new Verdict.Mask(outputs);
      }
    }
    return Verdict.Reject.configured();
  }

  /** Whether {@code "action": "<action>"} appears anywhere in {@code node}. */
  private static boolean hasAction(JsonNode node, String action) {
    if (node.isObject()) {
      JsonNode value = node.get("action");
      if (value != null && value.isString() && value.asString().equals(action)) {
        return true;
      }
      for (JsonNode child : node.values()) {
        if (hasAction(child, action)) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        if (hasAction(child, action)) {
          return true;
        }
      }
    }
    return false;
  }
}
