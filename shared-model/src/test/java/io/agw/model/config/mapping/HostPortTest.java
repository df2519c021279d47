package io.agw.model.config.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

  @Test
  void parsesNamesIpv4AndBracketedIpv6() {
    assertThat(HostPort.parse("example.com:443")).isEqualTo(new HostPort("example.com", 443));
    assertThat(HostPort.parse("10.1.2.3:8080")).isEqualTo(new HostPort("10.1.2.3", 8080));
    assertThat(HostPort.parse("[::1]:8080")).isEqualTo(new HostPort("::1", 8080));
  }

  @Test
  void refusesAddressesWithoutAValidPort() {
    assertThatThrownBy(() -> HostPort.parse("example.com")).hasMessageContaining("has no port");
    assertThatThrownBy(() -> HostPort.parse("[::1]")).hasMessageContaining("has no port");
    assertThatThrownBy(() -> HostPort.parse("example.com:0")).hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> HostPort.parse("example.com:99999"))
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> HostPort.parse(":80")).hasMessageContaining("no valid host name");
    assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageContaining("brackets");
  }
}
