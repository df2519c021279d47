package io.agw.gateway.mcp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.mcp.json.McpJson;
import io.agw.gateway.mcp.session.RelayIds.Origin;
import org.junit.jupiter.api.Test;

class RelayIdsTest {

  @Test
  void stringAndNumberIdsAreRestoredWithTheirTarget() {
    String relayed = RelayIds.encode("everything", "req-7");
    assertThat(relayed).startsWith("agw.everything.");
    assertThat(RelayIds.decode(relayed)).contains(new Origin("everything", "req-7"));

    Origin number = RelayIds.decode(RelayIds.encode("second_2", 42)).orElseThrow();
    assertThat(number.target()).isEqualTo("second_2");
    assertThat(((Number) number.id()).longValue()).isEqualTo(42L);
    // The restored number is written back as the same JSON number.
    assertThat(McpJson.write(number.id())).isEqualTo("42");
  }

  @Test
  void idsTheGatewayDidNotWriteAreRefused() {
    assertThat(RelayIds.decode(7)).isEmpty();
    assertThat(RelayIds.decode("client-id")).isEmpty();
    assertThat(RelayIds.decode("agw.everything")).isEmpty();
    assertThat(RelayIds.decode("agw.everything.%%%")).isEmpty();
    assertThat(RelayIds.decode("agw.bad/target." + "MQ")).isEmpty();
    // Valid base64 of a JSON object: not an id.
    assertThat(RelayIds.decode("agw.t.e30")).isEmpty();
    assertThat(RelayIds.decode(null)).isEmpty();
  }
}
