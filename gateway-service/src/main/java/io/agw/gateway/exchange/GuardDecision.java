package io.agw.gateway.exchange;

/**
 * One guardrail's decision on one exchange, for metrics, the access log and traces: which guard
 * ({@code regex}, {@code webhook}, {@code openAIModeration}, ...), which phase ({@code request} or
 * {@code response}) and what it did ({@code allow}, {@code mask}, {@code reject}, {@code failOpen}:
 * the guard could not be reached and its failure mode let the content through). Never the content
 * itself.
 */
public record GuardDecision(String guard, String phase, String action, long epochNanos) {

  public static final String ALLOW = "allow";
  public static final String MASK = "mask";
  public static final String REJECT = "reject";
  public static final String FAIL_OPEN = "failOpen";
}
