package io.agw.gateway.state;

/**
 * Takes part in applying a new state. {@link #prepare} runs before the state becomes current and
 * may refuse it (for example when a new port cannot be bound); {@link #committed} runs after.
 * Called from the store's apply thread, one state at a time.
 */
public interface StateListener {

  /** Gets ready for {@code next}; throwing refuses the state and nothing changes. */
  default void prepare(GatewayState current, GatewayState next) throws Exception {}

  /** Called if {@link #prepare} of any listener failed after this one prepared successfully. */
  default void rollback(GatewayState current, GatewayState next) {}

  /** {@code next} is now current. */
  default void committed(GatewayState previous, GatewayState next) {}
}
