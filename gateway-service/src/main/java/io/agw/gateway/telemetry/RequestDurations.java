package io.agw.gateway.telemetry;

import java.util.List;

/**
 * Where the duration of each request on a traffic port is recorded: the {@code agw.requests}
 * metric. Implementations are thread-safe.
 */
public interface RequestDurations {

  /**
   * Records one finished request.
   *
   * @param custom the values of the labels of {@code config.metrics.fields}, in the order of their
   *     names
   */
  void record(
      String listener,
      String route,
      String backend,
      String method,
      int status,
      List<String> custom,
      long nanos);
}
