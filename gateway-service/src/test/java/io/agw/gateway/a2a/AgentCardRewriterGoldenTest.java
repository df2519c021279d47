package io.agw.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.a2a.CardRewrite.Rewritten;
import io.agw.gateway.a2a.PublicAddress.ForwardedHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One input card and one expected card per case, under {@code src/test/resources/a2a/cards}. Run
 * with {@code -Da2a.golden.regenerate=true} to rewrite the expected files from the current output.
 */
class AgentCardRewriterGoldenTest {

  private static final boolean REGENERATE = Boolean.getBoolean("a2a.golden.regenerate");
  private static final Path SOURCE_DIR = Path.of("src/test/resources/a2a/cards");
  private static final JsonMapper PRETTY =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final AgentCardRewriter rewriter = new AgentCardRewriter();

  static Stream<Arguments> cases() {
    return Stream.of(
        // Route /agents/weather rewritten to /a2a upstream; TLS terminated by an outer proxy.
        Arguments.of(
            "v03-card",
            "v03-card.prefix-rewrite",
            PublicAddress.from(
                URI.create("http://gateway:8080/agents/weather/.well-known/agent-card.json"),
                "gateway:8080",
                new ForwardedHeaders("https", "gw.example.com", null, null),
                "/agents/weather"),
            UpstreamBase.of(URI.create("http://weather-agent:9000"), "/agents/weather", "/a2a")),
        // Root route without rewrite; the agent calls itself localhost; relative URL resolved.
        Arguments.of(
            "v10-card",
            "v10-card.root",
            PublicAddress.from(
                URI.create("http://gw.local:8080/.well-known/agent-card.json"),
                "gw.local:8080",
                ForwardedHeaders.none(),
                "/"),
            UpstreamBase.of(URI.create("http://127.0.0.1:41241"), "/", null)),
        // Route /a2a passed through unchanged, gateway mounted under /edge by a proxy.
        Arguments.of(
            "v10-card",
            "v10-card.forwarded-prefix",
            PublicAddress.from(
                URI.create("http://10.0.0.5:8080/a2a/.well-known/agent-card.json"),
                "10.0.0.5:8080",
                new ForwardedHeaders("https", "api.example.com:8443", null, "/edge"),
                "/a2a"),
            UpstreamBase.of(URI.create("http://localhost:41241"), "/a2a", null)),
        // The card the JS SDK serves to a v0.3 client: v0.3 fields and supportedInterfaces both.
        Arguments.of(
            "sdk-hybrid-card",
            "sdk-hybrid-card.prefix-rewrite",
            PublicAddress.from(
                URI.create("https://gw.example.com/agents/echo/.well-known/agent.json"),
                "gw.example.com",
                ForwardedHeaders.none(),
                "/agents/echo"),
            UpstreamBase.of(URI.create("http://127.0.0.1:41241"), "/agents/echo", "/")));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("cases")
  void rewritesAsExpected(
      String input, String expected, PublicAddress address, UpstreamBase upstream)
      throws IOException {
    CardRewrite result = rewriter.rewrite(resource(input + ".json"), address, upstream);

    assertThat(result).isInstanceOf(Rewritten.class);
    JsonNode actual = ((Rewritten) result).card();
    Path expectedFile = SOURCE_DIR.resolve(expected + ".expected.json");
    if (REGENERATE) {
      Files.writeString(expectedFile, PRETTY.writeValueAsString(actual) + "\n");
    }
    // Compared as text, so a change of field order fails too.
    assertThat(PRETTY.writeValueAsString(actual))
        .isEqualTo(PRETTY.writeValueAsString(PRETTY.readTree(Files.readAllBytes(expectedFile))));
  }

  static byte[] resource(String name) {
    try (InputStream in =
        AgentCardRewriterGoldenTest.class.getResourceAsStream("/a2a/cards/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
