package io.agw.gateway.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The guardrail decisions made on one exchange, in the order they were made. Kept as an exchange
 * attribute, written by the guards (LLM prompt guards, MCP guardrails) and read once the exchange
 * ends by the access log, the metrics and the server span. Thread-safe.
 */
public final class GuardDecisions {

  /** The exchange attribute holding the decisions. */
  public static final String ATTRIBUTE = GuardDecisions.class.getName();

  private final List<GuardDecision> decisions = new CopyOnWriteArrayList<>();

  /** The decisions of the exchange whose attributes these are, created on first use. */
  public static GuardDecisions of(Map<String, Object> attributes) {
    return (GuardDecisions) attributes.computeIfAbsent(ATTRIBUTE, k -> new GuardDecisions());
  }

  /** Records a decision now. */
  public void record(String guard, String phase, String action) {
    Instant now = Instant.now();
    decisions.add(
        new GuardDecision(
            guard, phase, action, now.getEpochSecond() * 1_000_000_000L + now.getNano()));
  }

  /** The decisions so far. */
  public List<GuardDecision> all() {
    return List.copyOf(decisions);
  }
}
