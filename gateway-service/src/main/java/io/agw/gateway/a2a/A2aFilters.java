package io.agw.gateway.a2a;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * Creates the filter of the {@code a2a} policy for a route. The rewriter, parser and telemetry are
 * shared by all routes. Thread-safe.
 */
public final class A2aFilters {

  private final AgentCardRewriter rewriter = new AgentCardRewriter();
  private final A2aCallParser parser = new A2aCallParser();
  private final A2aTelemetry telemetry;

  public A2aFilters(A2aTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /** The filter for one route; it has no per-route settings yet. */
  public GatewayFilter create() {
    return new A2aFilter(rewriter, parser, telemetry);
  }
}
