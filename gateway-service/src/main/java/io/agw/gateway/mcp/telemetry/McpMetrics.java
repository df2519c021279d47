package io.agw.gateway.mcp.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * MCP request metrics: {@code agw.mcp.requests}, a timer per JSON-RPC method and outcome ({@code
 * ok}, {@code error}), whose count is the per-method counter. Thread-safe.
 */
public final class McpMetrics {

  private final MeterRegistry meters;

  public McpMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  public void record(String method, boolean ok, long nanos) {
    Timer.builder("agw.mcp.requests")
        .description("MCP JSON-RPC requests answered by the gateway")
        .tag("method", method)
        .tag("outcome", ok ? "ok" : "error")
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
