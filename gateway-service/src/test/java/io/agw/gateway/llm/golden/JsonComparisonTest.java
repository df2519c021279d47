package io.agw.gateway.llm.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.wire.WireJson;
import org.junit.jupiter.api.Test;

class JsonComparisonTest {

  @Test
  void ignoresVolatileRootFieldsPlaceholdersAndNullVersusAbsent() {
    assertThat(
            JsonComparison.differences(
                WireJson.tree(
                    "{\"id\":\"[id]\",\"created\":123,\"a\":null,\"b\":{\"x\":\"[date]\"}}"),
                WireJson.tree("{\"id\":\"msg_1\",\"created\":99,\"b\":{\"x\":\"2026\"}}")))
        .isEmpty();
  }

  @Test
  void reportsChangedMissingAndExtraValuesByPath() {
    assertThat(
            JsonComparison.differences(
                WireJson.tree("{\"a\":1,\"b\":[1,2],\"c\":{\"id\":\"x\"}}"),
                WireJson.tree("{\"a\":2,\"b\":[1],\"c\":{\"id\":\"y\"},\"d\":true}")))
        .containsExactlyInAnyOrder(
            "$.a: expected 1 but was 2",
            "$.b: expected 2 items but was 1",
            "$.c.id: expected \"x\" but was \"y\"",
            "$.d: expected null but was true");
  }
}
