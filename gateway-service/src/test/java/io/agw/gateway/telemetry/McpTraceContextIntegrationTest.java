package io.agw.gateway.telemetry;

import static io.agw.gateway.telemetry.OtlpReceiver.attributes;
import static io.agw.gateway.telemetry.OtlpReceiver.hex;
import static io.agw.gateway.telemetry.OtlpReceiver.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.McpPeers;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP trace context end to end (SEP-414): a client calls through the gateway with a {@code
 * traceparent}, the gateway exports its spans to a receiver on loopback, and a real MCP server
 * (stdio, {@code traced-server.mjs}) reports the {@code params._meta} of the requests it received.
 * One target, and two federated targets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpTraceContextIntegrationTest {

  static final OtlpReceiver OTLP = newReceiver();
  static final int PORT = FreePorts.next();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

  static OtlpReceiver newReceiver() {
    try {
      return new OtlpReceiver();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void gatewayConfig(DynamicPropertyRegistry registry) throws Exception {
    String traced = McpPeers.traced().get(1);
    String yaml =
        """
        binds:
          - port: %d
            listeners:
              - name: traffic
                routes:
                  - name: single
                    matches:
                      - path: {pathPrefix: /single}
                    backends:
                      - mcp:
                          targets:
                            - name: only
                              stdio: {cmd: node, args: ["%s"]}
                  - name: federated
                    matches:
                      - path: {pathPrefix: /federated}
                    backends:
                      - mcp:
                          targets:
                            - name: a
                              stdio: {cmd: node, args: ["%s"]}
                            - name: b
                              stdio: {cmd: node, args: ["%s"]}
        """
            .formatted(PORT, traced, traced, traced);
    McpPeers.install();
    Path file = Files.createTempDirectory("agw-mcp-trace").resolve("config.yaml");
    Files.writeString(file, yaml);
    registry.add("agw.config.file", file::toString);
    registry.add("agw.bind-address", () -> "127.0.0.1");
    registry.add("management.opentelemetry.tracing.export.otlp.endpoint", OTLP::endpoint);
    registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    registry.add("management.tracing.sampling.probability", () -> "1.0");
  }

  @AfterAll
  static void stop() {
    OTLP.close();
  }

  @Test
  void singleTargetReceivesTheTraceContextOfTheGatewaysSpan() throws Exception {
    String session = open("/single");

    String listTrace = randomHex(16);
    call("/single", session, listTrace, 5, "tools/list", Map.of());

    String callTrace = randomHex(16);
    String callerSpan = randomHex(8);
    // A client's own trace context in _meta is replaced by the gateway's; its other keys stay.
    Map<String, Object> clientMeta =
        Map.of("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01", "x", "kept");
    Map<String, Object> answer =
        call(
            "/single",
            session,
            callTrace,
            callerSpan,
            7,
            "tools/call",
            Map.of("name", "meta", "arguments", Map.of(), "_meta", clientMeta));
    Map<String, Object> seen = reported(answer);
    Map<String, Object> meta = map(seen.get("call"));
    assertThat(meta).containsEntry("x", "kept").containsEntry("tracestate", "agw=test");

    Span span = span(callTrace, "tools/call meta");
    assertThat(meta.get("traceparent"))
        .isEqualTo("00-" + callTrace + "-" + hex(span.getSpanId()) + "-01");
    assertThat(hex(span.getSpanId())).isNotEqualTo(callerSpan);
    assertThat(attributes(span))
        .containsEntry("mcp.method.name", "tools/call")
        .containsEntry("jsonrpc.request.id", "7")
        .doesNotContainKey("error.type");
    assertThat(span.getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);

    // The list request before it carried its own trace, from the tools/list span.
    Map<String, Object> listMeta = map(map(seen.get("seen")).get("tools/list"));
    Span list = span(listTrace, "tools/list");
    assertThat(listMeta.get("traceparent"))
        .isEqualTo("00-" + listTrace + "-" + hex(list.getSpanId()) + "-01");
    assertThat(attributes(list)).containsEntry("jsonrpc.request.id", "5");
  }

  @Test
  void everyFederatedTargetReceivesTheTraceContext() throws Exception {
    String session = open("/federated");

    String listTrace = randomHex(16);
    call("/federated", session, listTrace, 11, "tools/list", Map.of());
    String listSpan = hex(span(listTrace, "tools/list").getSpanId());

    for (String target : List.of("a", "b")) {
      String callTrace = randomHex(16);
      Map<String, Object> seen =
          reported(
              call(
                  "/federated",
                  session,
                  callTrace,
                  12,
                  "tools/call",
                  Map.of("name", target + "_meta", "arguments", Map.of())));
      Span span = span(callTrace, "tools/call " + target + "_meta");
      assertThat(map(seen.get("call")).get("traceparent"))
          .as("target %s", target)
          .isEqualTo("00-" + callTrace + "-" + hex(span.getSpanId()) + "-01");
      assertThat(map(map(seen.get("seen")).get("tools/list")).get("traceparent"))
          .as("target %s", target)
          .isEqualTo("00-" + listTrace + "-" + listSpan + "-01");
      assertThat(attributes(span))
          .containsEntry("gen_ai.tool.name", target + "_meta")
          .containsEntry("jsonrpc.request.id", "12");
    }
  }

  @Test
  void toolErrorsAndJsonRpcErrorsFailTheSpanWithTheirCodes() throws Exception {
    String session = open("/federated");

    String toolTrace = randomHex(16);
    Map<String, Object> broken =
        call(
            "/federated",
            session,
            toolTrace,
            21,
            "tools/call",
            Map.of("name", "b_broken", "arguments", Map.of()));
    assertThat(map(broken.get("result"))).containsEntry("isError", true);
    Span tool = span(toolTrace, "tools/call b_broken");
    assertThat(tool.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(tool))
        .containsEntry("error.type", "tool_error")
        .containsEntry("jsonrpc.request.id", "21")
        .doesNotContainKey("rpc.response.status_code");

    String unknownTrace = randomHex(16);
    Map<String, Object> unknown =
        call(
            "/federated",
            session,
            unknownTrace,
            "req-22",
            "tools/call",
            Map.of("name", "nobody_missing", "arguments", Map.of()));
    assertThat(map(unknown.get("error"))).containsEntry("code", -32602);
    Span failed = span(unknownTrace, "tools/call nobody_missing");
    assertThat(failed.getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(failed.getStatus().getMessage()).contains("Unknown tool");
    assertThat(attributes(failed))
        .containsEntry("error.type", "-32602")
        .containsEntry("rpc.response.status_code", "-32602")
        .containsEntry("jsonrpc.request.id", "req-22");
  }

  /** The exported span {@code name} of trace {@code traceId}. */
  private static Span span(String traceId, String name) {
    List<Span> spans = OTLP.awaitTrace(traceId, 2);
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names(spans)));
  }

  /** What the traced server's {@code meta} tool reported. */
  private static Map<String, Object> reported(Map<String, Object> answer) throws Exception {
    Map<String, Object> result = map(answer.get("result"));
    assertThat(result).as("answer %s", answer).doesNotContainKey("isError");
    Object content = ((List<?>) result.get("content")).get(0);
    return map(JSON.readValue(String.valueOf(map(content).get("text")), Map.class));
  }

  private static String open(String path) throws Exception {
    HttpResponse<String> init =
        post(
            path,
            null,
            null,
            Map.of(
                "jsonrpc",
                "2.0",
                "id",
                1,
                "method",
                "initialize",
                "params",
                Map.of(
                    "protocolVersion", "2025-06-18",
                    "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "trace-context-test", "version", "1"))));
    assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(path, session, null, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
    return session;
  }

  private static Map<String, Object> call(
      String path, String session, String traceId, Object id, String method, Object params)
      throws Exception {
    return call(path, session, traceId, randomHex(8), id, method, params);
  }

  private static Map<String, Object> call(
      String path,
      String session,
      String traceId,
      String spanId,
      Object id,
      String method,
      Object params)
      throws Exception {
    HttpResponse<String> response =
        post(
            path,
            session,
            "00-" + traceId + "-" + spanId + "-01",
            Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return map(JSON.readValue(response.body(), Map.class));
  }

  private static HttpResponse<String> post(
      String path, String session, String traceparent, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
    }
    if (traceparent != null) {
      request.header("traceparent", traceparent).header("tracestate", "agw=test");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return new LinkedHashMap<>((Map<String, Object>) value);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1; // never all zeros (an invalid id)
    return HexFormat.of().formatHex(b);
  }
}
