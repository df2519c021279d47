package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars as users run them: the gateway on its built-in default configuration (as the
 * README's quick start shows: the welcome page, the status route, the demo model's chat completion
 * and the demo MCP server's tools through their routes), the gateway refusing a bad file at
 * startup, an example configuration from {@code examples/}, and the control service's health check.
 */
class PackagedServicesEndToEndTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void gatewayServesItsBuiltInDefaultWithNoArguments() throws Exception {
    try (JavaProcess gateway = JavaProcess.start(Repository.gatewayJar())) {
      gateway.awaitOk("http://localhost:15000/actuator/health/readiness", Duration.ofSeconds(90));
      HttpResponse<String> welcome = get("http://localhost:8080/");
      assertThat(welcome.statusCode()).isEqualTo(200);
      assertThat(welcome.body()).contains("agw is running");
      HttpResponse<String> status = get("http://localhost:8080/status");
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("\"status\":\"UP\"");
      assertThat(status.headers().firstValue("x-agw-route")).hasValue("status");
      assertThat(get("http://localhost:8080/healthz").body()).isEqualTo("ok\n");
      assertThat(get("http://localhost:15000/actuator/configdump").body())
          .contains("\"source\":\"built-in\"");

      // The demo model answers on the demo LLM route, through a real ai backend.
      HttpResponse<String> chat = demoChat();
      assertThat(chat.body())
          .contains("\"system_fingerprint\":\"agw-demo\"")
          .contains("built-in demo model")
          .contains("You wrote: hi");

      // The demo MCP server's tools are listed through the /mcp route.
      Map<String, String> mcp = Map.of("accept", "application/json, text/event-stream");
      HttpResponse<String> initialized =
          post(
              "http://localhost:8080/mcp",
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                  + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}",
              mcp);
      assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
      String session = initialized.headers().firstValue("mcp-session-id").orElseThrow();
      Map<String, String> inSession =
          Map.of(
              "accept",
              "application/json, text/event-stream",
              "mcp-session-id",
              session,
              "mcp-protocol-version",
              "2025-06-18");
      post(
          "http://localhost:8080/mcp",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          inSession);
      HttpResponse<String> tools =
          post(
              "http://localhost:8080/mcp",
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
              inSession);
      assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
      assertThat(tools.body())
          .contains("\"echo\"", "\"add\"", "\"current_time\"", "\"long_running_task\"");
    }
  }

  @Test
  void theBuiltInDemoRoutesFollowAnotherAdminPort() throws Exception {
    int admin = freePort();
    try (JavaProcess gateway =
        JavaProcess.start(
            Map.of("AGW_ADMIN_PORT", Integer.toString(admin)),
            List.of(),
            Repository.gatewayJar())) {
      gateway.awaitOk(
          "http://localhost:" + admin + "/actuator/health/readiness", Duration.ofSeconds(90));
      HttpResponse<String> chat = demoChat();
      assertThat(chat.body()).contains("\"system_fingerprint\":\"agw-demo\"");
      assertThat(get("http://localhost:8080/status").statusCode()).isEqualTo(200);
    }
  }

  /**
   * A demo chat completion on 8080, answered 200. Retried for a while: until the usage store has
   * opened (in the background, after readiness) LLM calls are refused with 503, since budgets
   * cannot be checked yet.
   */
  private HttpResponse<String> demoChat() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                post(
                    "http://localhost:8080/v1/chat/completions",
                    "{\"model\":\"agw-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                    Map.of()),
            response -> response.statusCode() == 200);
  }

  private HttpResponse<String> post(String url, String json, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void gatewayRefusesToStartOnAnInvalidFileAndSaysWhy() throws Exception {
    Path file = Files.createTempFile("agw-bad", ".yaml");
    Files.writeString(file, "binds:\n- port: 8081\n  listeners:\n  - name: main\n    routez: []\n");
    try (JavaProcess gateway =
        JavaProcess.start(
            Repository.gatewayJar(), "--config", file.toString(), "--server.port=0")) {
      assertThat(gateway.waitForExit(Duration.ofSeconds(90))).isNotZero();
      assertThat(gateway.log())
          .contains("binds[0].listeners[0].routez")
          .contains("did you mean 'routes'");
      assertThat(gateway.log()).doesNotContain("\tat io.agw");
    }
  }

  @Test
  void gatewayRunsTheBasicExample() throws Exception {
    int admin = freePort();
    Path example = Repository.root().resolve("examples/basic/config.yaml");
    try (JavaProcess gateway =
        JavaProcess.start(
            Repository.gatewayJar(), "--config", example.toString(), "--server.port=" + admin)) {
      gateway.awaitOk(
          "http://localhost:" + admin + "/actuator/health/readiness", Duration.ofSeconds(90));
      assertThat(get("http://localhost:" + admin + "/actuator/configdump").body())
          .contains("examples/basic/config.yaml");
    }
  }

  @Test
  void controlServiceStartsHealthy() throws Exception {
    int port = freePort();
    // Its reconcilers need a Kubernetes API: fabric8's mock server, over plain HTTP.
    KubernetesMockServer api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    api.init();
    try (JavaProcess control =
        JavaProcess.start(
            List.of("-Dkubernetes.master=" + api.url("/")),
            Repository.controlJar(),
            "--server.port=" + port,
            "--spring.grpc.server.port=0",
            "--agw.reconcile.use-ssa-for-status=false")) {
      control.awaitOk("http://localhost:" + port + "/actuator/health", Duration.ofSeconds(90));
      assertThat(get("http://localhost:" + port + "/actuator/health").body())
          .contains("\"status\":\"UP\"");
    } finally {
      api.destroy();
    }
  }
}
