package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.a2a.PublicAddress.ForwardedHeaders;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PublicAddressTest {

  private static final URI REQUEST = URI.create("http://10.0.0.5:8080/agents/x/.well-known/a.json");

  @Test
  void usesHostHeaderWithoutProxy() {
    PublicAddress address =
        PublicAddress.from(REQUEST, "gw.local:8080", ForwardedHeaders.none(), "/agents/x/");

    assertThat(address).isEqualTo(new PublicAddress("http", "gw.local", 8080, "/agents/x"));
    assertThat(address.baseUrl()).isEqualTo("http://gw.local:8080/agents/x");
  }

  @Test
  void fallsBackToRequestUriWithoutHostHeader() {
    PublicAddress address = PublicAddress.from(REQUEST, null, ForwardedHeaders.none(), null);
    assertThat(address.baseUrl()).isEqualTo("http://10.0.0.5:8080");
  }

  @Test
  void omitsDefaultPorts() {
    assertThat(PublicAddress.from(REQUEST, "gw:80", ForwardedHeaders.none(), "/").origin())
        .isEqualTo("http://gw");
    assertThat(
            PublicAddress.from(URI.create("https://gw/x"), "gw:443", ForwardedHeaders.none(), "/")
                .origin())
        .isEqualTo("https://gw");
    assertThat(
            PublicAddress.from(URI.create("https://gw/x"), "gw", ForwardedHeaders.none(), "/")
                .port())
        .isEqualTo(443);
  }

  @Test
  void forwardedProtoResetsThePortToItsDefault() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST, "gw.example.com:8080", new ForwardedHeaders("https", null, null, null), "");
    assertThat(address.baseUrl()).isEqualTo("https://gw.example.com");
  }

  @Test
  void forwardedHostMayCarryAPort() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST,
            "internal:8080",
            new ForwardedHeaders("https", "api.example.com:8443", null, null),
            "");
    assertThat(address.baseUrl()).isEqualTo("https://api.example.com:8443");
  }

  @Test
  void takesTheFirstEntryOfCommaLists() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST,
            "internal:8080",
            new ForwardedHeaders(
                "https, http", " edge.example.com , lb.internal", "443,8080", "/edge, /lb"),
            "/agents/x");
    assertThat(address.baseUrl()).isEqualTo("https://edge.example.com/edge/agents/x");
  }

  @Test
  void forwardedPortWins() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST,
            "internal",
            new ForwardedHeaders("http", "edge.example.com:1", "9443", null),
            "");
    assertThat(address.baseUrl()).isEqualTo("http://edge.example.com:9443");
  }

  @Test
  void prependsForwardedPrefix() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST, "gw", new ForwardedHeaders(null, null, null, "/edge/"), "/agents/x");
    assertThat(address.pathPrefix()).isEqualTo("/edge/agents/x");
    assertThat(address.baseUrl()).isEqualTo("http://gw/edge/agents/x");
  }

  @Test
  void handlesIpv6Hosts() {
    assertThat(PublicAddress.from(REQUEST, "[::1]:8080", ForwardedHeaders.none(), "").baseUrl())
        .isEqualTo("http://[::1]:8080");
    assertThat(
            PublicAddress.from(
                    REQUEST, "gw", new ForwardedHeaders("https", "[2001:DB8::1]", null, null), "")
                .baseUrl())
        .isEqualTo("https://[2001:db8::1]");
    assertThat(
            PublicAddress.from(
                    URI.create("http://[fd00::5]:8080/x"), null, ForwardedHeaders.none(), "")
                .baseUrl())
        .isEqualTo("http://[fd00::5]:8080");
  }

  @Test
  void ignoresInvalidHeaderValues() {
    PublicAddress address =
        PublicAddress.from(
            REQUEST,
            "evil.example/path",
            new ForwardedHeaders("javascript", "user@evil.example", "99999", "/a?b"),
            "/agents/x");
    assertThat(address.baseUrl()).isEqualTo("http://10.0.0.5:8080/agents/x");
  }

  @Test
  void rejectsARelativeRequestUri() {
    assertThatThrownBy(
            () -> PublicAddress.from(URI.create("/x"), "gw", ForwardedHeaders.none(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
