package io.agw.control.reconcile;

import io.agw.control.translate.StatusCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the translator's conditions into Kubernetes conditions. A condition whose status, reason
 * and message did not change keeps its {@code lastTransitionTime}, so that writing the same
 * statuses again is recognisably a no-op (and reconcilers do not loop on their own writes).
 */
final class Conditions {

  private Conditions() {}

  static List<Condition> of(
      List<StatusCondition> wanted, List<Condition> current, Long generation, Instant now) {
    List<Condition> out = new ArrayList<>();
    for (StatusCondition c : wanted) {
      Condition previous = find(current, c.type());
      String status = c.status() ? "True" : "False";
      boolean same =
          previous != null
              && status.equals(previous.getStatus())
              && Objects.equals(c.reason(), previous.getReason())
              && Objects.equals(c.message(), previous.getMessage())
              && Objects.equals(generation, previous.getObservedGeneration());
      out.add(
          same
              ? previous
              : new ConditionBuilder()
                  .withType(c.type())
                  .withStatus(status)
                  .withReason(c.reason())
                  .withMessage(c.message())
                  .withObservedGeneration(generation)
                  .withLastTransitionTime(
                      previous != null && status.equals(previous.getStatus())
                          ? previous.getLastTransitionTime()
                          : now.toString())
                  .build());
    }
    return out;
  }

  private static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
