package io.agw.gateway.policy;

import io.agw.gateway.backend.Backend;

/**
 * One kind of Backend resource ({@code static}, {@code ai}, {@code mcp}, ...): how it becomes a
 * runtime {@link Backend}, and what a route with such a backend needs besides the backend choice
 * (the LLM runtime's filters, the MCP server). A Spring bean, found by the state factory like
 * {@link PolicyKind}s; one per {@link io.agw.model.resource.v1.Backend.KindCase}. Thread-safe.
 */
public interface BackendKind {

  /** The Backend resource kind this registration builds. */
  io.agw.model.resource.v1.Backend.KindCase kind();

  /**
   * The runtime backend, after the backend policies have been applied to {@code backend}.
   *
   * @throws IllegalArgumentException when the backend cannot be built
   */
  Backend build(BackendCompilation backend);

  /**
   * Called once per route that has a backend of this kind, after its policies and backends are
   * compiled and before the policy kinds complete the route: add filters, {@link
   * RouteCompilation#claim claim} the policies this kind consumes. Default: nothing.
   */
  default void completeRoute(RouteCompilation route) {}
}
