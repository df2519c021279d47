package io.agw.gateway.telemetry;

import io.agw.gateway.support.TestUpstream;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_33_0.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For the {@code config.histograms} tests: writes a configuration file with one route to an
 * upstream, sends requests through it, and scrapes a Prometheus endpoint in the protobuf format
 * (length-delimited {@code MetricFamily} messages), the only format that carries native buckets.
 */
final class HistogramScrape {

  static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HistogramScrape() {}

  /** Writes the file and returns its path; {@code mode} null leaves {@code histograms} unset. */
  static String config(String mode, int port, int statsPort, TestUpstream upstream) {
    String yaml =
        """
        config:
          statsAddr: 127.0.0.1:%d
        %s
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: api
                    backends:
                      - host: %s
        """
            .formatted(
                statsPort, mode == null ? "" : "  histograms: " + mode, port, upstream.hostPort());
    try {
      Path file = Files.createTempDirectory("agw-histograms").resolve("config.yaml");
      Files.writeString(file, yaml);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code count} requests through the traffic port; each must succeed. */
  static void requests(int port, int count) throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hist/" + i)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("request " + i + " answered " + response.statusCode());
      }
    }
  }

  /** The metric families of a protobuf scrape of {@code url}. */
  static List<Metrics.MetricFamily> scrape(String url) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header("Accept", PROTOBUF).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    List<Metrics.MetricFamily> families = new ArrayList<>();
    try (InputStream in = response.body()) {
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        families.add(family);
      }
    }
    return families;
  }

  /** The {@code agw_requests_seconds} series of route {@code api}. */
  static Metrics.Metric requestMetric(List<Metrics.MetricFamily> families) {
    return families.stream()
        .filter(f -> f.getName().equals("agw_requests_seconds"))
        .flatMap(f -> f.getMetricList().stream())
        .filter(
            m ->
                m.getLabelList().stream()
                    .anyMatch(l -> l.getName().equals("route") && l.getValue().equals("api")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no agw_requests_seconds series for route api"));
  }

  /** The type of the {@code agw_requests_seconds} family. */
  static Metrics.MetricType requestMetricType(List<Metrics.MetricFamily> families) {
    return families.stream()
        .filter(f -> f.getName().equals("agw_requests_seconds"))
        .map(Metrics.MetricFamily::getType)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no agw_requests_seconds family"));
  }
}
