package io.agw.gateway.llm.guard;

/** Whether a guard reads the client's request or the answer it gets. */
public enum GuardPhase {
  REQUEST("request"),
  RESPONSE("response");

  private final String telemetryName;

  GuardPhase(String telemetryName) {
    this.telemetryName = telemetryName;
  }

  /** The phase as metrics, the access log and spans name it. */
  public String telemetryName() {
    return telemetryName;
  }
}
