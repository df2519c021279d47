package io.agw.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.state.BindTls;
import io.agw.gateway.state.GatewayState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connect-src of the UI's policy: plain ports as http, TLS ports as https, in port order. */
class ContentSecurityPolicyTest {

  @Test
  void listsPlainPortsAsHttpAndTlsPortsAsHttps() {
    GatewayState state =
        new GatewayState(
            1,
            "test",
            Instant.now(),
            Map.of(),
            Map.of(
                8443, new GatewayState.BindSpec(8443, new BindTls(List.of(), null), List.of()),
                8080, new GatewayState.BindSpec(8080, null, List.of())),
            Map.of(),
            List.of());
    assertThat(ContentSecurityPolicy.of(state))
        .contains(
            "; connect-src 'self' http://localhost:8080 http://127.0.0.1:8080"
                + " https://localhost:8443 https://127.0.0.1:8443;");
  }

  @Test
  void withoutAStateOnlyTheUisOwnOriginIsAllowed() {
    assertThat(ContentSecurityPolicy.of(null)).contains("; connect-src 'self';");
  }
}
