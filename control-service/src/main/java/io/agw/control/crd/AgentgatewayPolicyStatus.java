package io.agw.control.crd;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The observed state of an {@link AgentgatewayPolicy}: standard conditions ({@code Accepted}). */
public class AgentgatewayPolicyStatus {

  private List<Condition> conditions = new ArrayList<>();

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
