package io.agw.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.federation.SessionCodec;
import io.agw.model.config.GatewaySettings.SessionKey;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class McpSessionKeysTest {

  static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  static final String OTHER_HEX =
      "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

  @Test
  void thePropertyWinsOverTheEnvironmentAndTheFile() {
    String base64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    McpSessionKeys keys = new McpSessionKeys(base64, HEX, () -> new SessionKey(OTHER_HEX));

    assertThat(keys.get().getEncoded()).isEqualTo(java.util.Base64.getDecoder().decode(base64));
  }

  @Test
  void theEnvironmentWinsOverTheFile() {
    McpSessionKeys keys = new McpSessionKeys("", HEX, () -> new SessionKey(OTHER_HEX));

    assertThat(keys.get().getEncoded()).isEqualTo(HexFormat.of().parseHex(HEX));
  }

  @Test
  void theFilesKeyIsReadAtUseSoAReloadThatChangesItEndsTheOldSessions() {
    AtomicReference<SessionKey> file = new AtomicReference<>(new SessionKey(HEX));
    SessionCodec codec = SessionCodec.withKeys(new McpSessionKeys("", "", file::get));
    String id = codec.encode(SessionCodec.newSession("2025-06-18"));
    assertThat(codec.decode(id)).isPresent();

    file.set(new SessionKey(OTHER_HEX));

    assertThat(codec.decode(id)).isEmpty();
    assertThat(codec.decode(codec.encode(SessionCodec.newSession("2025-06-18")))).isPresent();
  }

  @Test
  void withoutAnyKeyIdsAreOnlyEncoded() {
    McpSessionKeys keys = new McpSessionKeys(null, null, () -> null);

    assertThat(keys.get()).isNull();
    assertThat(SessionCodec.withKeys(keys).encode(SessionCodec.newSession("x"))).startsWith("p1.");
  }

  @Test
  void aMalformedEnvironmentKeyIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> new McpSessionKeys("", "not-a-key-123", () -> null))
        .hasMessageContaining("SESSION_KEY must be 64 hexadecimal digits")
        .hasMessageNotContaining("not-a-key-123");
  }
}
