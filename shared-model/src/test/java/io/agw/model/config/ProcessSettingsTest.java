package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.ProcessSettings.HistogramMode;
import io.agw.model.config.ProcessSettings.ListenAddress;
import io.agw.model.config.ProcessSettings.LookupFamily;
import io.agw.model.config.ProcessSettings.Upstream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessSettingsTest {

  private static final String FULL =
      """
      config:
        adminAddr: localhost:15001
        statsAddr: "[::1]:15020"
        readinessAddr: "off"
        connectionTerminationDeadline: 20s
        connectionMinTerminationDeadline: 1500ms
        workerThreads: 3
        enableIpv6: false
        dns:
          lookupFamily: V4Preferred
          edns0: false
        backend:
          keepalives:
            enabled: true
            time: 1m
            interval: 10s
            retries: 3
          connectTimeout: 2s
          poolIdleTimeout: 1m30s
          poolMaxSize: 8
        histograms: classic
        mcp:
          sessionTtl: 5m
      """;

  @Test
  void everyProcessFieldIsRead() throws ConfigException {
    ProcessSettings expected =
        new ProcessSettings(
            new ListenAddress("127.0.0.1", 15001),
            new ListenAddress("::1", 15020),
            ListenAddress.OFF,
            Duration.ofSeconds(20),
            Duration.ofMillis(1500),
            3,
            false,
            LookupFamily.V4_PREFERRED,
            false,
            new Upstream(
                true,
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                3,
                Duration.ofSeconds(2),
                Duration.ofSeconds(90),
                8),
            null,
            Duration.ofMinutes(5),
            HistogramMode.CLASSIC);

    assertThat(ConfigLoader.load(FULL, Path.of("/cfg")).settings().process()).isEqualTo(expected);
    assertThat(ConfigLoader.processSettings(FULL)).contains(expected);
  }

  @Test
  void workerThreadsAsAPercentageOfTheCpusIsAtLeastOne() {
    ProcessSettings settings =
        ConfigLoader.processSettings("config:\n  workerThreads: 1%\n").orElseThrow();
    assertThat(settings.workerThreads()).isEqualTo(1);
    assertThat(ConfigLoader.processSettings("config:\n  workerThreads: auto\n").orElseThrow())
        .isEqualTo(ProcessSettings.NONE);
  }

  @Test
  void aFileWithoutProcessFieldsHasNone() {
    assertThat(ConfigLoader.processSettings("binds: []\n")).contains(ProcessSettings.NONE);
    assertThat(ConfigLoader.processSettings("config:\n  histograms: sparse\n")).isEmpty();
    assertThat(ConfigLoader.processSettings("binds: [")).isEmpty();
  }
}
