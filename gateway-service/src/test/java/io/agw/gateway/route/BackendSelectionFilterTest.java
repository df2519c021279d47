package io.agw.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class BackendSelectionFilterTest {

  private static String url(String origin, String request) {
    return BackendSelectionFilter.upstreamUrl(origin, URI.create(request)).toString();
  }

  @Test
  void replacesSchemeHostAndPortOnly() {
    assertThat(url("http://10.0.0.1:8080", "http://gw.example:80/a/b?x=1&y=2"))
        .isEqualTo("http://10.0.0.1:8080/a/b?x=1&y=2");
    assertThat(url("https://api.example:443", "http://gw.example/v1"))
        .isEqualTo("https://api.example:443/v1");
  }

  @Test
  void keepsEncodedPathAndQueryAsSent() {
    URI out =
        BackendSelectionFilter.upstreamUrl(
            "http://127.0.0.1:9000", URI.create("http://gw:1/a%2Fb/c%20d?q=%20z&e=%26"));
    assertThat(out.getRawPath()).isEqualTo("/a%2Fb/c%20d");
    assertThat(out.getRawQuery()).isEqualTo("q=%20z&e=%26");
    assertThat(out.getPort()).isEqualTo(9000);
  }

  @Test
  void emptyPathStaysEmptyAndAnEmptyQueryIsDropped() {
    assertThat(url("http://b:1", "http://gw:2")).isEqualTo("http://b:1");
    assertThat(url("http://b:1", "http://gw:2/p?")).isEqualTo("http://b:1/p");
  }

  @Test
  void ipv6BackendsAndUserInfo() {
    assertThat(url("http://[::1]:8080", "http://gw/x")).isEqualTo("http://[::1]:8080/x");
    URI out =
        BackendSelectionFilter.upstreamUrl("http://b:1", URI.create("http://u:p@gw:2/x#frag"));
    assertThat(out.getRawUserInfo()).isEqualTo("u:p");
    assertThat(out.getHost()).isEqualTo("b");
    assertThat(out.getRawFragment()).isEqualTo("frag");
  }
}
