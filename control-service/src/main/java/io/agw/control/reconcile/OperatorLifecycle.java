package io.agw.control.reconcile;

import io.javaoperatorsdk.operator.Operator;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the JOSDK {@link Operator} once the web and gRPC servers serve, and stops it. Stopping is
 * idempotent: {@link ShutdownSequence} stops it before any other lifecycle, and the context's own
 * stop then finds it stopped.
 */
final class OperatorLifecycle implements SmartLifecycle {

  private final Operator operator;
  private boolean running;

  OperatorLifecycle(Operator operator) {
    this.operator = operator;
  }

  @Override
  public synchronized void start() {
    operator.start();
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (running) {
      running = false;
      operator.stop();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Starts after the web and gRPC servers; on shutdown ShutdownSequence stops it first.
    return Integer.MAX_VALUE - 10;
  }
}
