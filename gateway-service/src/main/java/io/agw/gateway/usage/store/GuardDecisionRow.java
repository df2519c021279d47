package io.agw.gateway.usage.store;

import java.time.Instant;

/**
 * One guardrail decision as the usage store keeps it (table {@code guard_decisions}). Never the
 * content the guard saw.
 *
 * @param time when the decision was made
 * @param guard the guard's kind as it names itself ({@code regex}, {@code webhook}, ...)
 * @param kind the traffic it guarded: {@code llm}, {@code mcp} or {@code http}
 * @param action {@code allow}, {@code mask}, {@code reject} or {@code failOpen}
 * @param phase {@code request} or {@code response}
 * @param route the route's name, or null
 * @param key the API key's id, or null
 */
public record GuardDecisionRow(
    Instant time, String guard, String kind, String action, String phase, String route, String key)
    implements StoredRow {}
