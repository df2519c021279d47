package io.agw.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.mcp.json.McpJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The JSON limits hold on the mappers that read what clients send. */
class ClientJsonTest {

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void llmBodiesNestedDeeperThanTheLimitAreRefused() {
    assertThat(WireJson.tree(nested(ClientJson.MAX_NESTING_DEPTH)).isArray()).isTrue();
    assertThatThrownBy(() -> WireJson.tree(nested(ClientJson.MAX_NESTING_DEPTH + 1)))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void llmBodiesWithOverlongNumbersAreRefused() {
    String ok = "{\"max_tokens\":" + "9".repeat(ClientJson.MAX_NUMBER_LENGTH) + "}";
    String tooLong = "{\"max_tokens\":" + "9".repeat(ClientJson.MAX_NUMBER_LENGTH + 1) + "}";

    assertThat(WireJson.tree(ok).path("max_tokens").isNumber()).isTrue();
    assertThatThrownBy(() -> WireJson.tree(tooLong))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Number value length");
  }

  @Test
  void mcpMessagesNestedDeeperThanTheLimitAreRefused() {
    String deep =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":"
            + nested(ClientJson.MAX_NESTING_DEPTH)
            + "}}";

    assertThatThrownBy(() -> McpJson.parse(deep))
        .isInstanceOfAny(IOException.class, IllegalArgumentException.class, JacksonException.class);
  }
}
