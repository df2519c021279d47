package io.agw.gateway.telemetry;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code agw.requests} as a Prometheus histogram with native buckets ({@code config.histograms:
 * native}, or {@code both} for native and classic buckets in one histogram), recorded with the
 * Prometheus Java client because Micrometer's Prometheus registry makes classic histograms only
 * (micrometer-metrics/micrometer#4923). It is registered in the registry Micrometer scrapes, so
 * {@code /actuator/prometheus} and the stats port serve it beside the Micrometer meters, under the
 * name the Micrometer timer has ({@code agw_requests_seconds}) and with the same labels. Native
 * buckets are written only in the Prometheus protobuf format; the text formats carry the classic
 * buckets (or, for {@code native}, only the count and sum). Thread-safe.
 */
final class PrometheusRequestHistogram implements RequestDurations {

  /** agentgateway's buckets for its HTTP request duration, in seconds. */
  private static final double[] CLASSIC_BOUNDS = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 80.0
  };

  private final Histogram histogram;
  private final int customCount;

  /**
   * @param classic whether classic buckets are kept beside the native ones ({@code both})
   * @param customNames the names of the labels of {@code config.metrics.fields}, in order
   */
  PrometheusRequestHistogram(
      PrometheusRegistry registry, boolean classic, List<String> customNames) {
    List<String> labels =
        new ArrayList<>(List.of("listener", "route", "backend", "method", "status"));
    labels.addAll(customNames);
    Histogram.Builder builder =
        Histogram.builder()
            .name("agw_requests_seconds")
            .help("Requests served on traffic ports")
            .unit(Unit.SECONDS)
            .labelNames(labels.toArray(String[]::new));
    builder = classic ? builder.classicUpperBounds(CLASSIC_BOUNDS) : builder.nativeOnly();
    this.histogram = builder.register(registry);
    this.customCount = customNames.size();
  }

  @Override
  public void record(
      String listener,
      String route,
      String backend,
      String method,
      int status,
      List<String> custom,
      long nanos) {
    String[] values = new String[5 + customCount];
    values[0] = listener;
    values[1] = route;
    values[2] = backend;
    values[3] = method;
    values[4] = Integer.toString(status);
    for (int i = 0; i < customCount; i++) {
      values[5 + i] = i < custom.size() ? custom.get(i) : MetricFields.UNKNOWN;
    }
    histogram.labelValues(values).observe(nanos / 1e9);
  }
}
