package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.TestUpstream;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code config.histograms: classic} (the default): even in the protobuf format the request metric
 * has no native buckets; it is Micrometer's timer, as without the setting.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.classic-histograms-file}"})
class ClassicHistogramsIntegrationTest {

  static final TestUpstream UPSTREAM = TestUpstream.start("measured");
  static final int PORT = FreePorts.next();
  static final int STATS_PORT = FreePorts.next();

  static {
    // Before the context starts: the process settings are read before the Spring context exists.
    System.setProperty(
        "agw.test.classic-histograms-file",
        HistogramScrape.config("classic", PORT, STATS_PORT, UPSTREAM));
  }

  @LocalServerPort int adminPort;

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.classic-histograms-file");
  }

  @Test
  void requestMetricHasNoNativeBuckets() throws Exception {
    HistogramScrape.requests(PORT, 5);

    for (String url :
        new String[] {
          "http://127.0.0.1:" + adminPort + "/actuator/prometheus",
          "http://127.0.0.1:" + STATS_PORT + "/metrics"
        }) {
      Metrics.Metric metric =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> HistogramScrape.requestMetric(HistogramScrape.scrape(url)),
                  m -> m.getSummary().getSampleCount() >= 5);
      assertThat(metric.getHistogram().hasSchema()).as(url).isFalse();
      assertThat(metric.getHistogram().getPositiveSpanCount()).as(url).isZero();
    }
  }
}
