package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

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
}
