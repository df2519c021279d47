package io.agw.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agw.gateway.llm.sim.ProviderSimulator;
import io.agw.gateway.support.A2aPeers;
import io.agw.gateway.support.FreePorts;
import io.agw.gateway.support.NodeScripts;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin UI in a real browser: Debian's Chromium driven by {@code playwright-core} ({@code
 * src/test/node/ui/ui-e2e.mjs}) against the packaged gateway, which routes to real upstreams (the
 * OpenAI simulator, {@code server-everything} over Streamable HTTP, the A2A agent of {@code
 * src/test/node/a2a}). The script runs every scenario once, in one browser, and prints one JSON
 * document; each test here asserts one scenario of it, with the script's output in the message. The
 * script also writes a screenshot of every page to {@code docs/ui/}.
 */
class UiBrowserEndToEndTest {

  static final String TOKEN = "ui-e2e-admin-token";
  static final String ANSWER = "Hello from the simulated model, streamed through agw.";
  static final int FAILED_STATUS = 400;
  static final List<String> PAGES =
      List.of("overview", "config", "llm", "mcp", "a2a", "cel", "usage", "keys", "guardrails");

  static final int TRAFFIC = FreePorts.next();
  static final int ADMIN = FreePorts.next();
  static final Path NODE_DIR = Repository.root().resolve("integration-tests/src/test/node/ui");
  static final Path MCP_DIR = Repository.root().resolve("gateway-service/src/test/node/mcp");
  static final Path SCREENSHOTS = Repository.root().resolve("docs/ui");
  static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(6);

  static ProviderSimulator openai;
  static Process everything;
  static A2aPeers.Agent agent;
  static JavaProcess gateway;
  static Path dir;
  static Instant started;
  static NodeScripts.Result run;
  static Map<String, JsonNode> scenarios = new LinkedHashMap<>();

  @BeforeAll
  static void runTheBrowser() throws Exception {
    started = Instant.now().minusSeconds(1);
    Path browser = Chromium.ensureInstalled();
    NodeScripts.install(NODE_DIR, "node_modules/playwright-core/package.json");
    dir = Files.createTempDirectory("agw-ui-e2e");
    openai = ProviderSimulator.start(ProviderSimulator.Kind.OPENAI);
    openai.answerWith(ANSWER);
    int mcpPort = FreePorts.next();
    everything = startEverything(mcpPort);
    agent = A2aPeers.startAgent(50);
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, config(mcpPort));
    gateway =
        JavaProcess.start(
            Repository.gatewayJar(),
            "--config",
            config.toString(),
            "--server.port=" + ADMIN,
            "--agw.bind-address=127.0.0.1",
            "--agw.database.url=sqlite:" + dir.resolve("agw.db"),
            "--agw.admin.token=" + TOKEN);
    gateway.awaitOk(
        "http://127.0.0.1:" + ADMIN + "/actuator/health/readiness", Duration.ofSeconds(180));

    // One call the provider refuses, so "Failing calls" on the usage page has a row to show. The
    // gateway answers 503 until its usage store is open; the armed failure waits for the call
    // that reaches the provider.
    openai.failNext(1, FAILED_STATUS);
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> chat("this call fails").statusCode(), status -> status == FAILED_STATUS);

    Path input = dir.resolve("run.json");
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("chromium", browser.toString());
    settings.put("uiBase", "http://localhost:" + ADMIN);
    settings.put("trafficBase", "http://127.0.0.1:" + TRAFFIC);
    settings.put("adminToken", TOKEN);
    settings.put("llmRoute", "llm");
    settings.put("llmPath", "/v1/chat/completions");
    settings.put("model", "gpt-4o");
    settings.put("answer", ANSWER);
    settings.put("failedStatus", FAILED_STATUS);
    settings.put("mcpRoute", "mcp");
    settings.put("a2aRoute", "agent");
    settings.put("a2aPath", "/agents/echo");
    settings.put("a2aAgentPort", agent.port());
    settings.put("screenshots", SCREENSHOTS.toString());
    settings.put("userDataDir", dir.resolve("chromium-profile").toString());
    settings.put("evidence", dir.resolve("failures").toString());
    Files.writeString(input, JsonMapper.shared().writeValueAsString(settings));
    run = runScript(input);
    String last = lastLine(run.stdout());
    if (last.startsWith("{")) {
      for (JsonNode scenario : JsonMapper.shared().readTree(last).path("scenarios")) {
        scenarios.put(scenario.path("name").asString(), scenario);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (everything != null) {
      everything.destroy();
      everything.waitFor();
    }
    if (openai != null) {
      openai.close();
    }
  }

  @Test
  void theBrowserRunFinishesWithEveryScenarioPassed() {
    assertThat(scenarios).as(output()).isNotEmpty();
    assertThat(scenarios.values())
        .as(output())
        .allMatch(s -> s.path("ok").asBoolean(false), "passed");
    assertThat(run.exitCode()).as(output()).isZero();
  }

  @Test
  void everyPageLoadsWithoutConsoleErrorsOrFailedRequests() {
    for (String page : PAGES) {
      assertPassed("page " + page + " loads cleanly");
    }
  }

  @Test
  void axeFindsNoSeriousViolationOnAnyPage() {
    for (String page : PAGES) {
      assertPassed("page " + page + " has no serious accessibility violation");
    }
  }

  @Test
  void theLlmPlaygroundStreamsAnAnswerWithItsDetails() {
    assertPassed("LLM playground streams an answer");
  }

  @Test
  void theLlmPlaygroundShowsThatThePromptWasMasked() {
    assertPassed("LLM playground shows the guardrail outcome of the answer");
  }

  @Test
  void theMcpPlaygroundCallsAToolThroughTheGateway() {
    assertPassed("MCP playground calls a tool");
  }

  @Test
  void theA2aPageShowsTheRewrittenCardAndAStreamedReply() {
    assertPassed("A2A page shows the rewritten card and streams a reply");
  }

  @Test
  void theCelPlaygroundEvaluatesAndShowsErrors() {
    assertPassed("CEL playground evaluates an expression");
  }

  @Test
  void aWriteWithoutSigningInAsksToSignIn() {
    assertPassed("a write without a token asks to sign in");
  }

  @Test
  void aKeyCreatedInTheUiWorksUntilItIsRevokedThere() {
    assertPassed("a key created in the UI works on the LLM route until revoked");
  }

  @Test
  void aConfigurationErrorIsShownAtItsPath() {
    assertPassed("configuration errors are shown at their path");
  }

  @Test
  void theGuardrailsPageShowsTheMaskedPrompt() {
    assertPassed("guardrails page shows the decision of the masked prompt");
  }

  @Test
  void everyPageHasAFreshScreenshotInDocs() throws Exception {
    for (String page : PAGES) {
      Path png = SCREENSHOTS.resolve(page + ".png");
      assertThat(png).as(output()).exists();
      assertThat(Files.getLastModifiedTime(png)).isGreaterThan(FileTime.from(started));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).as(png.toString()).isEqualTo(1280);
      assertThat(image.getHeight()).as(png.toString()).isGreaterThanOrEqualTo(800);
    }
  }

  private static void assertPassed(String name) {
    JsonNode scenario = scenarios.get(name);
    assertThat(scenario).as("scenario '" + name + "' missing\n" + output()).isNotNull();
    assertThat(scenario.path("ok").asBoolean(false))
        .as("scenario '" + name + "': " + scenario + "\n" + output())
        .isTrue();
  }

  private static String output() {
    String log;
    try {
      String full = gateway.log();
      log = full.substring(Math.max(0, full.length() - 6000));
    } catch (Exception e) {
      log = "(no gateway log: " + e + ")";
    }
    return "browser run exited "
        + run.exitCode()
        + " (screenshots of failed scenarios in "
        + dir.resolve("failures")
        + ")"
        + "\n--- stdout\n"
        + run.stdout()
        + "\n--- stderr\n"
        + run.stderr()
        + "\n--- gateway log (tail)\n"
        + log;
  }

  /**
   * Runs the browser script to its end; past the time limit it is stopped and what it printed so
   * far is kept for the failure messages.
   */
  private static NodeScripts.Result runScript(Path input) throws Exception {
    Path out = dir.resolve("ui-e2e.out");
    Path err = dir.resolve("ui-e2e.err");
    Process node =
        new ProcessBuilder("node", "ui-e2e.mjs", input.toString())
            .directory(NODE_DIR.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    int exit;
    if (node.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      exit = node.exitValue();
    } else {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly().waitFor();
      exit = -1;
      Files.writeString(
          err,
          "\n(stopped: the script did not finish in " + SCRIPT_TIMEOUT + ")",
          StandardOpenOption.APPEND);
    }
    return new NodeScripts.Result(exit, Files.readString(out), Files.readString(err));
  }

  private static HttpResponse<String> chat(String text) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + TRAFFIC + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                            + text
                            + "\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** server-everything over Streamable HTTP ({@code /mcp}) on {@code port}. */
  private static Process startEverything(int port) throws Exception {
    NodeScripts.install(
        MCP_DIR, "node_modules/@modelcontextprotocol/server-everything/package.json");
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                MCP_DIR
                    .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
                    .toString(),
                "streamableHttp")
            .directory(MCP_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Files.createTempFile("agw-everything", ".log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server-everything exited with " + process.exitValue());
      }
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        return process;
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("server-everything did not listen on " + port);
  }

  /**
   * Three routes on one traffic port, each open to the UI's origins: an LLM route with an optional
   * API key and a prompt guard that masks e-mail addresses, an MCP route, an A2A route.
   */
  private static String config(int mcpPort) {
    String cors =
        """
                      cors:
                        allowOrigins: ["http://localhost:%1$d", "http://127.0.0.1:%1$d"]
                        allowHeaders: ["*"]
                        allowMethods: [GET, POST, DELETE]
                        exposeHeaders: ["*"]
        """
            .formatted(ADMIN);
    return """
        binds:
          - port: %1$d
            listeners:
              - name: main
                routes:
                  - name: llm
                    matches:
                      - path:
                          pathPrefix: /v1
                    policies:
        %2$s\
                      apiKey:
                        mode: optional
                        keys: []
                      ai:
                        promptGuard:
                          request:
                            - regex:
                                action: mask
                                rules:
                                  - builtin: email
                    backends:
                      - ai:
                          name: openai
                          provider:
                            openAI: {}
                          hostOverride: %3$s
                  - name: mcp
                    matches:
                      - path:
                          pathPrefix: /mcp
                    policies:
        %2$s\
                    backends:
                      - mcp:
                          dnsRebindingProtection: true
                          targets:
                            - name: everything
                              mcp:
                                host: http://127.0.0.1:%4$d/mcp
                  - name: agent
                    matches:
                      - path:
                          pathPrefix: /agents/echo
                    policies:
        %2$s\
                      a2a: {}
                      urlRewrite:
                        path:
                          prefix: /
                    backends:
                      - host: 127.0.0.1:%5$d
        """
        .formatted(TRAFFIC, cors, openai.hostPort(), mcpPort, agent.port());
  }
}
