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
 * {@code config.histograms: native}: the request histogram of a protobuf scrape, on the admin port
 * and on the stats port, has native buckets (a schema and spans) and no classic buckets.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"agw.config.file=${agw.test.native-histograms-file}"})
class NativeHistogramsIntegrationTest {

  static final TestUpstream UPSTREAM = TestUpstream.start("measured");
  static final int PORT = FreePorts.next();
  static final int STATS_PORT = FreePorts.next();

  static {
    // Before the context starts: the process settings are read before the Spring context exists.
    System.setProperty(
        "agw.test.native-histograms-file",
        HistogramScrape.config("native", PORT, STATS_PORT, UPSTREAM));
  }

  @LocalServerPort int adminPort;

  @AfterAll
  static void stop() {
    UPSTREAM.close();
    System.clearProperty("agw.test.native-histograms-file");
  }

  @Test
  void requestHistogramHasNativeBucketsOnly() throws Exception {
    HistogramScrape.requests(PORT, 5);

    for (String url :
        new String[] {
          "http://127.0.0.1:" + adminPort + "/actuator/prometheus",
          "http://127.0.0.1:" + STATS_PORT + "/metrics"
        }) {
      Metrics.Histogram histogram =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> HistogramScrape.requestMetric(HistogramScrape.scrape(url)).getHistogram(),
                  h -> h.getSampleCount() >= 5);
      assertThat(histogram.hasSchema()).as(url).isTrue();
      assertThat(histogram.getPositiveSpanCount()).as(url).isPositive();
      assertThat(histogram.getPositiveDeltaCount()).as(url).isPositive();
      assertThat(histogram.getBucketList())
          .as(url)
          .allMatch(b -> b.getUpperBound() == Double.POSITIVE_INFINITY);
    }
  }
}
