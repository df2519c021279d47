package io.agw.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The htpasswd formats {@code basicAuth} accepts and refuses, over files written by Apache's own
 * {@code htpasswd} ({@code src/test/resources/security/htpasswd}, see its README).
 */
class HtpasswdTest {

  private static final String UTF8_PASSWORD = "pässwört-ü";

  private static String resource(String name) throws IOException {
    try (InputStream in = HtpasswdTest.class.getResourceAsStream("/security/htpasswd/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bcrypt-y", "bcrypt-a", "bcrypt-b", "apr1", "sha"})
  void everyAcceptedFormatChecksThePassword(String user) throws IOException {
    Htpasswd file = Htpasswd.parse(resource("accepted.htpasswd"));
    assertThat(file.matches(user, "pw-" + user)).isTrue();
    assertThat(file.matches(user, "pw-" + user + "x")).isFalse();
    assertThat(file.matches(user, "")).isFalse();
    assertThat(file.matches(user, UTF8_PASSWORD)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apr1-utf8", "bcrypt-utf8", "sha-utf8"})
  void passwordsAreCheckedAsUtf8(String user) throws IOException {
    Htpasswd file = Htpasswd.parse(resource("accepted.htpasswd"));
    assertThat(file.matches(user, UTF8_PASSWORD)).isTrue();
    // The same text read as Latin-1 bytes is another password.
    String latin1 =
        new String(UTF8_PASSWORD.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    assertThat(file.matches(user, latin1)).isFalse();
  }

  @Test
  void theFileHasEveryUserAndNoOthers() throws IOException {
    Htpasswd file = Htpasswd.parse(resource("accepted.htpasswd"));
    assertThat(file.size()).isEqualTo(8);
    assertThat(file.matches("nobody", "pw-nobody")).isFalse();
  }

  @Test
  void apr1ReproducesApachesHash() throws IOException {
    String line =
        resource("accepted.htpasswd")
            .lines()
            .filter(l -> l.startsWith("apr1:"))
            .findFirst()
            .orElseThrow();
    String hash = line.substring("apr1:".length());
    String salt = hash.split("\\$")[2];
    assertThat(Apr1.crypt("pw-apr1", salt)).isEqualTo(hash);
  }

  @Test
  void otherFormatsAreRefusedNamingTheLineButNotTheHash() throws IOException {
    List<String> lines =
        resource("refused.htpasswd").lines().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines).hasSize(4); // $5$, $6$, crypt(3), plain text
    for (String line : lines) {
      String hash = line.substring(line.indexOf(':') + 1);
      assertThatThrownBy(() -> Htpasswd.parse("# comment\n\n" + line))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line 3")
          .hasMessageNotContaining(hash);
    }
  }

  @Test
  void blankLinesCommentsAndCrLfAreIgnoredAndAMalformedLineIsRefused() {
    Htpasswd file = Htpasswd.parse("# users\r\n\r\nsha:{SHA}G5zynyVKZeHPqXetqic75L7ZkrM=\r\n");
    assertThat(file.size()).isEqualTo(1);
    assertThat(file.matches("sha", "pw-sha")).isTrue();
    assertThatThrownBy(() -> Htpasswd.parse("no-colon-here"))
        .hasMessageContaining("line 1 is not user:hash");
  }

  @Test
  void aCorruptBcryptHashNeverMatchesAndNeverThrows() {
    Htpasswd file = Htpasswd.parse("eve:$2y$04$tooShort");
    assertThat(file.matches("eve", "anything")).isFalse();
  }
}
