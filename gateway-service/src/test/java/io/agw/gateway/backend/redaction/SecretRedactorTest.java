package io.agw.gateway.backend.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

  private static final String KEY = "sk-proj-Q3x9Lm2Vb7Tz4Kp8Wd1Rf6Ny0Hs5Jc3abcd";
  private final SecretRedactor redactor = SecretRedactor.of(List.of(KEY, "short"));

  @Test
  void theWholeKeyIsRedacted() {
    assertThat(redactor.redact("Incorrect API key provided: " + KEY + "."))
        .isEqualTo("Incorrect API key provided: [REDACTED].");
    assertThat(redactor.redact("{\"authorization\":\"Bearer " + KEY + "\"}"))
        .isEqualTo("{\"authorization\":\"Bearer [REDACTED]\"}");
  }

  @Test
  void maskedFormsAsProvidersPrintThemAreRedacted() {
    assertThat(redactor.redact("Incorrect API key provided: sk-proj-****...abcd. See"))
        .isEqualTo("Incorrect API key provided: [REDACTED]. See");
    assertThat(redactor.redact("key sk-pr**************************************abcd"))
        .isEqualTo("key [REDACTED]");
    assertThat(redactor.redact("key sk-proj-Q3x9Lm2V…")).isEqualTo("key [REDACTED]");
  }

  @Test
  void partsOfTheKeyOfEightCharactersOrMoreAreRedacted() {
    assertThat(redactor.redact("prefix sk-proj-Q3x9Lm2V and suffix Hs5Jc3abcd"))
        .isEqualTo("prefix [REDACTED] and suffix [REDACTED]");
    assertThat(redactor.redact("tail abcd")).isEqualTo("tail abcd");
  }

  @Test
  void ordinaryTextAndShortSecretsStay() {
    String text = "{\"error\":{\"message\":\"short of quota... try again\",\"type\":\"x\"}}";
    assertThat(redactor.redact(text)).isEqualTo(text);
    assertThat(SecretRedactor.NONE.redact(KEY)).isEqualTo(KEY);
    assertThat(redactor.leaks("sk-****")).isFalse();
    assertThat(redactor.leaks(KEY)).isTrue();
  }
}
