package io.agw.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.config.ConfigLoader;
import io.agw.model.resource.v1.Resource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An {@code ai} policy on a backend is refused unless the backend is an {@code ai} backend. */
class AiPolicyPlacementTest {

  private final GatewayStateFactory factory = TestStateFactories.factory(null, null);

  @Test
  void anAiPolicyOnAPlainBackendIsRefused() throws Exception {
    String yaml =
        """
        backends:
          - name: plain
            host: 127.0.0.1:9
            policies:
              ai:
                promptGuard:
                  request:
                    - regex:
                        rules: [{builtin: email}]
        binds:
          - port: 4301
            listeners:
              - routes:
                  - name: route
                    backends:
                      - backend: plain
        """;
    Map<String, Resource> resources = new LinkedHashMap<>();
    for (Resource r : ConfigLoader.load(yaml, Path.of(".")).resources()) {
      resources.put(r.getKey(), r);
    }
    InvalidStateException refused =
        catchThrowableOfType(
            InvalidStateException.class, () -> factory.build(1, "test", resources));
    assertThat(refused).isNotNull();
    assertThat(refused.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("backend/plain", "the ai policy needs an ai backend");
  }
}
