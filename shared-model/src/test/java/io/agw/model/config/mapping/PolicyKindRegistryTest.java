package io.agw.model.config.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.model.config.yaml.PolicyBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's order is the emitted order of a block's policies. These are the kinds as they were
 * listed by hand before they registered themselves; the registry, which orders them by the proto,
 * must keep them in that order (kinds added since may sit anywhere among them).
 */
class PolicyKindRegistryTest {

  @Test
  void listenerKindsKeepTheirOrder() {
    assertThat(fields(PolicyBlock.LISTENER))
        .containsSubsequence(
            "cors", "jwtAuth", "apiKey", "basicAuth", "authorization", "transformations");
  }

  @Test
  void routeKindsKeepTheirOrder() {
    assertThat(fields(PolicyBlock.ROUTE))
        .containsSubsequence(
            "requestHeaderModifier",
            "responseHeaderModifier",
            "requestRedirect",
            "urlRewrite",
            "directResponse",
            "cors",
            "timeout",
            "retry",
            "buffer",
            "backendTLS",
            "a2a",
            "ai",
            "jwtAuth",
            "apiKey",
            "basicAuth",
            "authorization",
            "transformations",
            "localRateLimit",
            "remoteRateLimit",
            "mcpAuthorization",
            "mcpAuthentication",
            "filters");
  }

  @Test
  void backendKindsKeepTheirOrder() {
    assertThat(fields(PolicyBlock.BACKEND))
        .containsSubsequence("requestHeaderModifier", "backendTLS", "a2a", "backendAuth");
  }

  @Test
  void everyBlockAcceptsItsKindsAndHealthOnlyOnBackends() {
    for (PolicyBlock block : PolicyBlock.values()) {
      assertThat(PolicyKindRegistry.FIELDS.in(block).keySet())
          .as("%s", block)
          .containsAll(fields(block));
    }
    assertThat(PolicyKindRegistry.FIELDS.in(PolicyBlock.BACKEND)).containsKey("health");
    assertThat(PolicyKindRegistry.FIELDS.in(PolicyBlock.ROUTE)).doesNotContainKey("health");
  }

  private static List<String> fields(PolicyBlock block) {
    return PolicyKindRegistry.in(block).stream().map(PolicyKindMapping::field).toList();
  }
}
