package io.agw.gateway.policy;

import io.agw.model.resource.v1.PolicySpec;
import java.util.function.Function;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * One policy kind of the data plane: what a {@link PolicySpec} of {@link #kind()} does to the
 * routes and backends it is attached to. A kind is a Spring bean (declared by its feature's
 * configuration); {@link PolicyFilters} finds every kind and the state factory calls it, so adding
 * a kind never edits the factory. Exactly one kind per {@link PolicySpec.KindCase}. Implementations
 * are called while a state is built, never on the request path, and must be thread-safe.
 */
public interface PolicyKind {

  /** The spec kind this registration compiles. */
  PolicySpec.KindCase kind();

  /**
   * A listener or route policy of this kind: add its filters or route metadata to {@code route}.
   * The route's backends are not known yet. Default: nothing (a kind that acts on backends only, or
   * that a backend kind claims).
   *
   * @throws IllegalArgumentException when the policy cannot be built (the reason refuses the state)
   */
  default void onRoute(PolicySpec spec, RouteCompilation route) {}

  /**
   * A policy of this kind on a Backend resource or on a route's reference to it: change how that
   * backend is called. Default: nothing.
   */
  default void onBackend(PolicySpec spec, BackendCompilation backend) {}

  /**
   * Called once per route for every registered kind, after the route's policies and backends are
   * compiled and the backend kinds have claimed what they consume: check what needs the whole route
   * (for example "needs an mcp backend"), or add what the backends imply.
   *
   * @throws IllegalArgumentException when the route cannot be served as configured
   */
  default void completeRoute(RouteCompilation route) {}

  /** A kind whose route policy is one filter at a fixed order. */
  static PolicyKind filter(
      PolicySpec.KindCase kind, Function<PolicySpec, GatewayFilter> create, int order) {
    return new PolicyKind() {
      @Override
      public PolicySpec.KindCase kind() {
        return kind;
      }

      @Override
      public void onRoute(PolicySpec spec, RouteCompilation route) {
        route.addFilter(create.apply(spec), order);
      }
    };
  }

  /**
   * A kind that only backend kinds consume (for example through {@link RouteCompilation#claim}).
   */
  static PolicyKind passive(PolicySpec.KindCase kind) {
    return () -> kind;
  }

  /** Wraps {@code filter} with its order. */
  static GatewayFilter ordered(GatewayFilter filter, int order) {
    return new OrderedGatewayFilter(filter, order);
  }
}
