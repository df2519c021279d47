package io.agw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetGuardTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/v1/chat/completions",
        "/a/../b?q=%2e%2e&r=a//b",
        "/caf%C3%A9?q=caf\u00e9",
        "http://example.test/a?b=c",
        "*",
        "/a%2Fb"
      })
  void passesTargetsThatSpringCanParse(String target) {
    assertThat(RequestTargetGuard.isValid(target)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/a/%zz",
        "/a/%4",
        "/a?q=%",
        "/a b",
        "/a\\b",
        "/a\u0000",
        "/a\u007f",
        "/a\u0085",
        "/a?q={x}",
        "/a|b",
        "/a\"b",
        "/a<b>"
      })
  void refusesTargetsWithInvalidEncodingsOrCharacters(String target) {
    assertThat(RequestTargetGuard.isValid(target)).isFalse();
  }
}
