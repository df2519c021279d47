package io.agw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.agw.gateway.backend.BackendClients;
import io.agw.model.resource.v1.Resource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The gateway accepts what the control service sends: every gateway's resources in the expected
 * outputs of the control service's translator golden cases ({@code
 * control-service/src/test/resources/translate}) build a state (AI backends with inline keys, HTTPS
 * listeners with inline certificates, A2A backends, policies), as they would be applied from xDS. A
 * case the gateway refuses would be a NACK in a cluster.
 */
class TranslatedResourcesTest {

  static final Path DIR = Path.of("../control-service/src/test/resources/translate");

  private final GatewayStateFactory factory =
      TestStateFactories.factory(
          llmRoutes(new BackendClients(HttpClient.create())),
          new io.agw.gateway.mcp.McpRoutes(
              TARGETS,
              new io.agw.gateway.mcp.federation.SessionCodec(null),
              new io.agw.gateway.cel.CelEnvironment(),
              new io.agw.gateway.mcp.telemetry.McpMetrics(new SimpleMeterRegistry()),
              new io.agw.gateway.mcp.session.ClientSessions(java.time.Duration.ofMinutes(30))));

  /** MCP targets connect on first use: building a state opens no connection. */
  private static final io.agw.gateway.mcp.federation.McpTargets TARGETS =
      new io.agw.gateway.mcp.federation.McpTargets(java.time.Duration.ofSeconds(5));

  @org.junit.jupiter.api.AfterAll
  static void closeTargets() {
    TARGETS.close();
  }

  private static io.agw.gateway.llm.route.LlmRoutes llmRoutes(BackendClients clients) {
    var secrets = new io.agw.gateway.llm.backend.SecretResolver();
    return new io.agw.gateway.llm.route.LlmRoutes(
        new io.agw.gateway.llm.backend.LlmBackendFactory(
            clients, secrets, new io.agw.gateway.llm.balance.Endpoints(System::nanoTime)),
        secrets,
        new io.agw.gateway.llm.telemetry.LlmMetrics(new SimpleMeterRegistry()),
        new io.agw.gateway.llm.telemetry.LlmChoiceMetrics(new SimpleMeterRegistry()),
        new io.agw.gateway.llm.guard.GuardServices(clients, secrets, null));
  }

  static Stream<Path> cases() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyTranslatedGatewayBuildsAState(Path file) throws Exception {
    String text = Files.readString(file);
    JsonNode output =
        YAMLMapper.builder().build().readTree(text.substring(text.indexOf("# Output")));
    for (var gateway : output.get("gateways").properties()) {
      Map<String, Resource> resources = new LinkedHashMap<>();
      long routes = 0;
      for (JsonNode json : gateway.getValue().get("resources")) {
        Resource.Builder r = Resource.newBuilder();
        JsonFormat.parser().merge(json.toString(), r);
        resources.put(r.getKey(), r.build());
        routes += r.hasRoute() ? 1 : 0;
      }
      GatewayState state = factory.build(1, gateway.getKey(), resources);
      assertThat(state.routes()).as(gateway.getKey()).hasSize((int) routes);
      // Every HTTPS listener has its certificate on its port (one per listener, chosen by SNI).
      Map<Integer, Long> httpsListeners = new LinkedHashMap<>();
      for (Resource r : resources.values()) {
        if (r.hasListener() && r.getListener().hasTls()) {
          int port = Integer.parseInt(r.getListener().getBindKey().substring("bind/".length()));
          httpsListeners.merge(port, 1L, Long::sum);
        }
      }
      httpsListeners.forEach(
          (port, count) ->
              assertThat(state.binds().get(port).tls().certificates()).hasSize(count.intValue()));
    }
  }
}
