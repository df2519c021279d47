package io.agw.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.GatewayConfigFile;
import io.agw.gateway.support.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code config.logging} ({@code filter}, {@code fields}, {@code format}, {@code level}) and {@code
 * frontendPolicies.accessLog} / {@code logging} ({@code filter}, {@code add}, {@code remove}) as
 * the access log shows them: requests to a real upstream on loopback, the {@code agw.access} lines
 * read as they are written, and each setting changed by rewriting the file (they are reloadable).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.MethodName.class)
class AccessLogSettingsIntegrationTest {

  static final TestUpstream UPSTREAM = TestUpstream.start("logged");
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static Path file;

  ListAppender<ILoggingEvent> access;

  static String config(String settings) {
    return settings
        + """
        binds:
          - port: %d
            listeners:
              - routes:
                  - name: api
                    backends:
                      - host: %s
        """
            .formatted(PORT, UPSTREAM.hostPort());
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    file =
        GatewayConfigFile.register(
            registry,
            config(
                """
                config:
                  logging:
                    format: json
                    filter: 'request.path != "/quiet"'
                    fields:
                      remove: [bytes, backend]
                      add:
                        agent: 'request.headers["user-agent"]'
                        status_class: 'response.code / 100'
                        missing: 'jwt.sub'
                        hdr: 'flatten({"agent": request.headers["user-agent"], "codes": [1, 2]})'
                        deep: 'flattenRecursive({"a": {"b": [true]}, "n": null})'
                """));
    registry.add("agw.config.watch-interval", () -> "50ms");
  }

  @BeforeEach
  void listen() {
    access = new ListAppender<>();
    access.start();
    ((Logger) LoggerFactory.getLogger("agw.access")).addAppender(access);
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger("agw.access")).detachAppender(access);
  }

  @AfterAll
  static void stop() throws Exception {
    UPSTREAM.close();
  }

  @Test
  void a_fieldsAddedWithCelAppearAndRemovedOnesDoNot() throws Exception {
    String path = "/items/" + UUID.randomUUID();
    send(path, "agw-test/1.0");
    JsonNode line = JSON.readTree(awaitLine(path));
    assertThat(line.get("agent").asString()).isEqualTo("agw-test/1.0");
    assertThat(line.get("status_class").asLong()).isEqualTo(2);
    assertThat(line.get("status").asInt()).isEqualTo(200);
    assertThat(line.has("bytes")).as("removed field").isFalse();
    assertThat(line.has("backend")).as("removed field").isFalse();
    assertThat(line.has("missing")).as("an expression that fails adds nothing").isFalse();
    assertThat(line.get("route").asString()).isEqualTo("api");
    // flatten spreads one level into fields named after the keys; flattenRecursive every level.
    assertThat(line.get("hdr.agent").asString()).isEqualTo("agw-test/1.0");
    assertThat(line.get("hdr.codes").toString()).isEqualTo("[1,2]");
    assertThat(line.has("hdr")).isFalse();
    assertThat(line.get("deep.a.b.0").asBoolean()).isTrue();
    assertThat(line.has("deep.n")).as("null elements are left out").isFalse();
  }

  @Test
  void b_filterDropsTheLinesItRejects() throws Exception {
    send("/quiet", "agw-test/1.0");
    String marker = "/after/" + UUID.randomUUID();
    send(marker, "agw-test/1.0");
    awaitLine(marker);
    assertThat(lines()).noneMatch(l -> l.contains("\"/quiet\""));
  }

  @Test
  void c_frontendPolicyReplacesTheFilterAndFieldsAndTextFormatIsKeyValue() throws Exception {
    rewrite(
        """
        config:
          logging:
            format: text
            filter: 'false'
            fields:
              add:
                agent: 'request.headers["user-agent"]'
        frontendPolicies:
          accessLog:
            filter: 'request.path.startsWith("/kept")'
            add:
              team: 'request.headers["x-team"]'
            remove: [duration_ms, time]
        """,
        "/kept/",
        line -> line.startsWith("listener="));
    String path = "/kept/" + UUID.randomUUID();
    send(path, "agw-test/1.0", "x-team", "blue team");
    String line = awaitLine(path);
    assertThat(line).startsWith("listener=").contains(" path=" + path + " ");
    assertThat(line).contains("team=\"blue team\"").contains(" status=200");
    assertThat(line)
        .doesNotContain("agent=")
        .doesNotContain("duration_ms=")
        .doesNotContain("time=");
    send("/dropped", "agw-test/1.0");
    String after = "/kept/" + UUID.randomUUID();
    send(after, "agw-test/1.0");
    awaitLine(after);
    assertThat(lines()).noneMatch(l -> l.contains("/dropped"));
  }

  @Test
  void d_loggingIsAnotherNameForAccessLog() throws Exception {
    rewrite(
        """
        frontendPolicies:
          logging:
            add:
              via: '"alias"'
        """,
        "/alias/",
        line -> true);
    String path = "/alias/" + UUID.randomUUID();
    send(path, "agw-test/1.0");
    assertThat(JSON.readTree(awaitLine(path)).get("via").asString()).isEqualTo("alias");
  }

  @Test
  void e_levelTurnsLoggersOffAndBackOn() throws Exception {
    rewrite(
        """
        config:
          logging:
            level: [info, agw.access=off]
        """,
        null,
        null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !((Logger) LoggerFactory.getLogger("agw.access")).isInfoEnabled());
    String silent = "/silent/" + UUID.randomUUID();
    send(silent, "agw-test/1.0");
    rewrite(
        """
        config:
          logging:
            level: info
        """,
        "/back/",
        line -> true);
    String back = "/back/" + UUID.randomUUID();
    send(back, "agw-test/1.0");
    awaitLine(back);
    assertThat(lines()).noneMatch(l -> l.contains(silent));
  }

  /**
   * Rewrites the file with {@code settings} and waits until it is applied: a request to a path
   * starting with {@code probe} is logged as {@code applied} accepts (without a probe, not at all).
   */
  void rewrite(String settings, String probe, Predicate<String> applied) throws Exception {
    Files.writeString(file, config(settings));
    if (probe == null) {
      return;
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String path = probe + "probe-" + UUID.randomUUID();
              send(path, "probe");
              return awaitLineBriefly(path).filter(applied).isPresent();
            });
  }

  static void send(String path, String agent, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .header("User-Agent", agent);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  List<String> lines() {
    return List.copyOf(access.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The line of the request to {@code path}; written once the exchange ends. */
  String awaitLine(String path) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines().stream().anyMatch(l -> l.contains(path)));
    return lines().stream().filter(l -> l.contains(path)).findFirst().orElseThrow();
  }

  Optional<String> awaitLineBriefly(String path) {
    try {
      return Optional.of(
          await()
              .atMost(Duration.ofSeconds(2))
              .until(
                  () -> lines().stream().filter(l -> l.contains(path)).findFirst(),
                  Optional::isPresent)
              .orElseThrow());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return Optional.empty();
    }
  }
}
