package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.server.PathNormalizer.EscapedSlashes;
import io.agw.gateway.server.PathNormalizer.RefusedPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

  static final PathNormalizer DEFAULTS = new PathNormalizer(true, EscapedSlashes.REJECT);
  static final PathNormalizer KEEPING = new PathNormalizer(false, EscapedSlashes.KEEP);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /                          | /
          /echo                      | /echo
          /echo/                     | /echo/
          /echo/x/../admin/x         | /echo/admin/x
          /echo/%61dmin/x            | /echo/admin/x
          /echo/%2e%2e/admin         | /admin
          /echo/%2E%2e/%2e/admin/    | /admin/
          /echo/.%2e/admin           | /admin
          /echo/..%2e                | /echo/...
          /echo/./admin              | /echo/admin
          /echo/admin/.              | /echo/admin/
          /echo/admin/..             | /echo/
          /echo/..                   | /
          /.                         | /
          /echo//admin///x           | /echo/admin/x
          //echo                     | /echo
          /echo//                    | /echo/
          /a/b/c/./../../g           | /a/g
          /mid/content=5/../6        | /mid/6
          /%7euser/%41%42%5f%2D      | /~user/AB_-
          /caf%c3%a9/%e2%82%ac       | /caf%C3%A9/%E2%82%AC
          /caf%C3%A9                 | /caf%C3%A9
          /a%20b/%3f/%23/%25         | /a%20b/%3F/%23/%25
          /a%252e%252e/b             | /a%252e%252e/b
          /v1/models/gpt-4o:predict  | /v1/models/gpt-4o:predict
          /a;b=c/@x!$&'()*+,=        | /a;b=c/@x!$&'()*+,=
          /...                       | /...
          /.well-known/x             | /.well-known/x
          """)
  void normalizesWithTheDefaults(String raw, String expected) {
    assertThat(DEFAULTS.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /echo//admin               | /echo//admin
          /echo//                    | /echo//
          /a//../b                   | /a/b
          /echo%2Fadmin              | /echo%2Fadmin
          /echo%2fadmin%5c           | /echo%2Fadmin%5C
          /echo/..%2F..%2Fetc        | /echo/..%2F..%2Fetc
          /echo/x/..%2f/../admin     | /echo/x/admin
          """)
  void keepsRepeatedAndEncodedSlashesWhenSoConfigured(String raw, String expected) {
    assertThat(KEEPING.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/echo/../../etc/passwd",
        "/..",
        "/../x",
        "/%2e%2e/x",
        "/a/%2E./../..",
        "/echo%2Fadmin",
        "/echo%2fadmin",
        "/echo%5Cadmin",
        "/echo\\admin",
        "/echo/%",
        "/echo/%4",
        "/echo/%zz",
        "/echo/%4g/x",
        "/echo/%00",
        "/echo/%0a",
        "/echo/%7F",
        "/echo/\u0000",
        "/echo/a\nb",
        "/echo/a b",
        "/echo/<script>",
        "/echo/caf\u00e9",
        "echo/relative"
      })
  void refusesWithTheDefaults(String raw) {
    assertThatThrownBy(() -> DEFAULTS.normalize(raw)).isInstanceOf(RefusedPathException.class);
  }

  @Test
  void encodedSlashesDoNotSeparateSegmentsButEncodedDotsStillClimbWhenKept() {
    assertThatThrownBy(() -> KEEPING.normalize("/%2e%2e/x"))
        .isInstanceOf(RefusedPathException.class)
        .hasMessageContaining("above the root");
    assertThatThrownBy(() -> KEEPING.normalize("/echo/%00"))
        .isInstanceOf(RefusedPathException.class);
  }

  @Test
  void aCanonicalPathIsReturnedAsTheSameInstance() {
    String path = new String("/v1/chat/completions");
    assertThat(DEFAULTS.normalize(path)).isSameAs(path);
    String empty = "";
    assertThat(DEFAULTS.normalize(empty)).isSameAs(empty);
  }

  @Test
  void refusalsSayWhatIsWrongWithoutEchoingThePath() {
    assertThatThrownBy(() -> DEFAULTS.normalize("/echo/../../etc/passwd"))
        .hasMessage("the request path climbs above the root");
    assertThatThrownBy(() -> DEFAULTS.normalize("/x%2Fy"))
        .hasMessage("the request path contains an encoded slash or backslash");
    assertThatThrownBy(() -> DEFAULTS.normalize("/x%G0"))
        .hasMessage("the request path has an invalid percent-encoding");
  }
}
