package io.agw.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agw.model.resource.v1.PolicySpec;
import io.agw.model.resource.v1.Resource;
import io.agw.model.resource.v1.Route;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy kind plugs in from its own file: {@code testStamp} is declared only by the test class
 * {@code io.agw.model.config.mapping.TestStampKind} (and its generated service entry), yet the
 * loader reads it where it is allowed, binds and checks its value, maps it in the registry's order,
 * and refuses it where it is not allowed.
 */
class PolicyKindPlugInTest {

  private static final String ROUTE_WITH =
      """
      binds:
        - port: 8080
          listeners:
            - routes:
                - policies: %s
                  backends:
                    - host: localhost:8081
      """;

  @Test
  void aKindRegisteredFromItsOwnFileIsReadAndMapped() throws Exception {
    LoadedConfig config =
        ConfigLoader.load(
            ROUTE_WITH.formatted(
                "{cors: {allowOrigins: [\"https://a.test\"]},"
                    + " testStamp: {header: x-stamp, value: plugged},"
                    + " requestHeaderModifier: {set: {x-a: b}}}"),
            Path.of("/cfg"));

    Route route =
        config.resources().stream().filter(Resource::hasRoute).findFirst().orElseThrow().getRoute();
    assertThat(route.getPoliciesList())
        .extracting(PolicySpec::getKindCase)
        .containsExactly(
            PolicySpec.KindCase.REQUEST_HEADER_MODIFIER,
            PolicySpec.KindCase.REQUEST_HEADER_MODIFIER,
            PolicySpec.KindCase.CORS);
    assertThat(route.getPolicies(0).getRequestHeaderModifier().getSetMap())
        .as("requestHeaderModifier sorts before testStamp")
        .containsExactly(Map.entry("x-a", "b"));
    assertThat(route.getPolicies(1).getRequestHeaderModifier().getSetMap())
        .containsExactly(Map.entry("x-stamp", "plugged"));
  }

  @Test
  void itsValueIsCheckedWithItsPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    ROUTE_WITH.formatted("{testStamp: {header: [x], value: v}}"), Path.of("/cfg")));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactly(
            "binds[0].listeners[0].routes[0].policies.testStamp.header:"
                + " expected a string, got a list");
  }

  @Test
  void itIsRefusedWhereItIsNotAllowed() {
    String yaml =
        """
        binds:
          - port: 8080
            listeners:
              - policies:
                  testStamp: {header: x-stamp, value: v}
                routes:
                  - backends:
                      - host: localhost:8081
        """;

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(yaml, Path.of("/cfg")));

    assertThat(e.errors())
        .extracting(ConfigError::toString)
        .containsExactly("binds[0].listeners[0].policies.testStamp: unknown field 'testStamp'");
  }
}
