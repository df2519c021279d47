package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigError;
import io.agw.model.config.ConfigException;
import io.agw.model.config.ConfigLoader;
import io.agw.model.config.LoadedConfig;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The same gateway in agentgateway's v1.4 layout and in the binds layout loads to the same
 * resources: same keys, same messages (the configuration dump of both is the same).
 */
class LayoutEquivalenceTest {

  private static final LayoutFixture FIXTURE = new LayoutFixture();

  @AfterAll
  static void stopPeers() {
    FIXTURE.echo.close();
    FIXTURE.openAi.close();
  }

  private static Map<String, Resource> load(String template) throws Exception {
    LoadedConfig loaded = ConfigLoader.load(FIXTURE.config(template), Path.of("/cfg"));
    Map<String, Resource> byKey = new TreeMap<>();
    loaded.resources().forEach(r -> byKey.put(r.getKey(), r));
    return byKey;
  }

  @Test
  void bothLayoutsGiveTheSameResources() throws Exception {
    Map<String, Resource> v14 = load(LayoutFixture.V14);
    Map<String, Resource> binds = load(LayoutFixture.BINDS);

    int web = FIXTURE.webPort;
    assertThat(v14.keySet())
        .containsExactlyInAnyOrder(
            "backend/echo",
            "bind/" + web,
            "listener/" + web + "/web",
            "route/" + web + "/web/api",
            "route/" + web + "/web/teapot",
            "backend/" + web + "/web/teapot/0",
            "bind/" + FIXTURE.llmPort,
            "listener/" + FIXTURE.llmPort + "/llm",
            "route/" + FIXTURE.llmPort + "/llm/models",
            "backend/llm",
            "bind/" + FIXTURE.mcpPort,
            "listener/" + FIXTURE.mcpPort + "/mcp",
            "route/" + FIXTURE.mcpPort + "/mcp/mcp",
            "backend/mcp");
    assertThat(v14).isEqualTo(binds);
    // The policy attached by target reached the route.
    assertThat(v14.get("route/" + web + "/web/api").getRoute().getPoliciesList()).hasSize(2);
  }

  @Test
  void bindsAndGatewaysMayShareAFileButNotAPort() throws Exception {
    String mixed =
        """
        binds:
          - port: 8080
            listeners:
              - name: old
                routes:
                  - backends: [{host: "127.0.0.1:9"}]
        gateways:
          web:
            port: PORT
        routes:
          - gateways: web
            backends: [{host: "127.0.0.1:9"}]
        """;
    LoadedConfig both = ConfigLoader.load(mixed.replace("PORT", "8081"), Path.of("/cfg"));
    assertThat(both.resources())
        .extracting(Resource::getKey)
        .contains("listener/8080/old", "route/8080/old/0", "listener/8081/web", "route/8081/web/0");

    ConfigException clash =
        catchThrowableOfType(
            ConfigException.class,
            () -> ConfigLoader.load(mixed.replace("PORT", "8080"), Path.of("/cfg")));
    assertThat(clash.errors())
        .extracting(ConfigError::toString)
        .containsExactly("gateways.web.port: duplicate port 8080 (also binds[0])");
  }
}
