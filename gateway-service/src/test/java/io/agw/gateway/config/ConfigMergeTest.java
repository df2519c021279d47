package io.agw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hybrid merge: mappings by key, named list entries by name (binds by port). */
class ConfigMergeTest {

  @Test
  void namedEntriesAreReplacedOrAppendedAndMappingsMerged() throws Exception {
    String file =
        """
        config: {database: {url: a.db}, storage: {mode: hybrid}}
        binds:
          - port: 1
            listeners: [{name: one}]
          - port: 2
            listeners: [{name: two}]
        backends: [{name: x, host: "h:1"}]
        """;
    String overlay =
        """
        config: {gateway: edge}
        binds:
          - port: 2
            listeners: [{name: changed}]
          - port: 3
            listeners: [{name: three}]
        backends: [{name: y, host: "h:2"}]
        """;

    var merged = ConfigDocuments.parse("merged", ConfigDocuments.merged(file, overlay));

    assertThat(merged.path("config").path("database").path("url").asString()).isEqualTo("a.db");
    assertThat(merged.path("config").path("gateway").asString()).isEqualTo("edge");
    assertThat(merged.path("binds").valueStream().map(b -> b.path("port").asInt()))
        .containsExactly(1, 2, 3);
    assertThat(merged.path("binds").get(1).path("listeners").get(0).path("name").asString())
        .isEqualTo("changed");
    assertThat(merged.path("backends").valueStream().map(b -> b.path("name").asString()))
        .containsExactly("x", "y");
  }
}
