package io.agw.gateway.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.model.config.GatewaySettings.SessionKey;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The cookie key: sealed values open only with their key (a changed character, another key, a
 * truncated value all fail), replicas with the same {@code config.session.key} accept each other's
 * cookies, {@code OIDC_COOKIE_SECRET} wins, and without either a process keeps its own random key.
 */
class CookieKeysTest {

  static final String KEY_A = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  static final String KEY_B = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  @Test
  void aSealedValueOpensOnlyUnchangedAndWithItsKey() {
    SessionCipher cipher = new CookieKeys(KEY_A, () -> null).cipher();
    String sealed = cipher.seal("{\"policyId\":\"p\"}");

    assertThat(sealed).matches("[A-Za-z0-9_-]+").doesNotContain("policyId");
    assertThat(cipher.open(sealed)).contains("{\"policyId\":\"p\"}");
    int middle = sealed.length() / 2;
    char changed = sealed.charAt(middle) == 'A' ? 'Q' : 'A';
    assertThat(cipher.open(sealed.substring(0, middle) + changed + sealed.substring(middle + 1)))
        .isEmpty();
    assertThat(cipher.open(sealed.substring(0, 20))).isEmpty();
    assertThat(cipher.open("not base64!")).isEmpty();
    assertThat(new CookieKeys(KEY_B, () -> null).cipher().open(sealed)).isEmpty();
  }

  @Test
  void replicasWithTheSameSessionKeyAcceptEachOthersCookies() {
    CookieKeys one = new CookieKeys("", () -> new SessionKey(KEY_A));
    CookieKeys two = new CookieKeys(null, () -> new SessionKey(KEY_A));

    assertThat(two.cipher().open(one.cipher().seal("session"))).contains("session");
  }

  @Test
  void theEnvironmentKeyWinsAndAReloadedSessionKeyTakesEffect() {
    AtomicReference<SessionKey> configured = new AtomicReference<>(new SessionKey(KEY_A));
    CookieKeys fromEnv = new CookieKeys(KEY_B, configured::get);
    CookieKeys fromFile = new CookieKeys("", configured::get);
    String sealedWithA = fromFile.cipher().seal("x");

    assertThat(fromEnv.cipher().open(sealedWithA)).isEmpty();
    configured.set(new SessionKey(KEY_B));
    assertThat(fromFile.cipher().open(sealedWithA)).isEmpty();
    assertThat(fromFile.cipher().open(fromEnv.cipher().seal("y"))).contains("y");
  }

  @Test
  void withoutAKeyEachProcessHasItsOwn() {
    CookieKeys one = new CookieKeys("", () -> null);
    CookieKeys two = new CookieKeys("", () -> null);
    String sealed = one.cipher().seal("session");

    assertThat(one.cipher().open(sealed)).contains("session");
    assertThat(two.cipher().open(sealed)).isEmpty();
  }

  @Test
  void aMalformedEnvironmentKeyIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> new CookieKeys("secret-but-short", () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OIDC_COOKIE_SECRET must be 64 hexadecimal digits")
        .hasMessageNotContaining("secret-but-short");
  }
}
