package io.agw.gateway.llm.balance;

/** Something a request can be sent to: its endpoint state and its configured weight. */
public interface Balanced {

  /** The endpoint's load and health; shared by every request to it. */
  Endpoint endpoint();

  /** Relative share among equals in a group; at least 1. */
  int weight();
}
