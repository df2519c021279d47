package io.agw.gateway.mcp.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.mcp.federation.SessionCodec.Session;
import io.agw.gateway.mcp.upstream.Resume;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCodecTest {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealedIdsRoundTripAcrossInstancesWithTheSameKey() {
    Session session = SessionCodec.newSession("2025-06-18");
    String id = new SessionCodec(KEY).encode(session);

    assertThat(id).startsWith("s1.").doesNotContain("2025");
    // Another replica with the same key reads it.
    assertThat(new SessionCodec(KEY).decode(id)).contains(session);
    // Two encodings of one session differ (fresh IV), both valid.
    assertThat(new SessionCodec(KEY).encode(session)).isNotEqualTo(id);
  }

  @Test
  void tamperedForeignOrUnsealedIdsAreRefused() {
    SessionCodec codec = new SessionCodec(KEY);
    String id = codec.encode(SessionCodec.newSession("2025-06-18"));
    char last = id.charAt(id.length() - 1);
    String tampered = id.substring(0, id.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(codec.decode(tampered)).isEmpty();
    assertThat(new SessionCodec("fedcba9876543210fedcba9876543210".getBytes()).decode(id))
        .isEmpty();
    assertThat(codec.decode(new SessionCodec(null).encode(SessionCodec.newSession("x")))).isEmpty();
    assertThat(codec.decode("s1.%%%")).isEmpty();
    assertThat(codec.decode(null)).isEmpty();
  }

  @Test
  void withoutKeyIdsAreReadableButChecked() {
    SessionCodec codec = new SessionCodec(null);
    Session session = SessionCodec.newSession("2025-03-26");
    String id = codec.encode(session);

    assertThat(id).startsWith("p1.");
    assertThat(new String(Base64.getUrlDecoder().decode(id.substring(3)), StandardCharsets.UTF_8))
        .contains("2025-03-26");
    assertThat(codec.decode(id)).contains(session);
    assertThat(codec.decode("p1." + Base64.getUrlEncoder().encodeToString("{}".getBytes())))
        .isEmpty();
  }

  @Test
  void clientIdentityAndUpstreamSessionsRoundTrip() {
    Session session =
        SessionCodec.newSession(
                "2025-11-25",
                Map.of("sampling", Map.of(), "roots", Map.of("listChanged", true)),
                Map.of("name", "client", "version", "2.0"))
            .withUpstream(
                Map.of(
                    "remote", new Resume("3f9a-upstream", "2025-06-18"),
                    "other", new Resume("only-id", null)));
    SessionCodec codec = new SessionCodec(KEY);
    String id = codec.encode(session);

    Session read = new SessionCodec(KEY).decode(id).orElseThrow();
    assertThat(read).isEqualTo(session);
    assertThat(read.upstream().get("remote").sessionId()).isEqualTo("3f9a-upstream");
    assertThat(read.capabilities()).containsKey("sampling");
    // Sealed: the upstream session id is not readable in the id.
    assertThat(id).doesNotContain("3f9a");
    // Compact enough for a header: well under a kilobyte for a typical client.
    assertThat(id.length()).isLessThan(400);
  }

  @Test
  void garbledStateIsRefused() {
    SessionCodec codec = new SessionCodec(null);
    String badUpstream =
        "p1."
            + Base64.getUrlEncoder()
                .encodeToString("{\"v\":\"2025-06-18\",\"n\":\"x\",\"u\":{\"t\":7}}".getBytes());
    assertThat(codec.decode(badUpstream)).isEmpty();
    assertThat(codec.decode("p1.not-json")).isEmpty();
  }

  @Test
  void keysMustBeAesSized() {
    assertThatThrownBy(() -> new SessionCodec(new byte[10]))
        .hasMessageContaining("16, 24 or 32 bytes");
  }
}
