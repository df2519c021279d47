package io.agw.gateway.mcp.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiResultMapperTest {

  @Test
  void jsonObjectIsTextAndStructuredContent() {
    CallToolResult result =
        OpenApiResultMapper.result(
            200, "application/json; charset=utf-8", bytes("{\"id\":1,\"name\":\"Rex\"}"));
    assertThat(result.isError()).isFalse();
    assertThat(result.content()).containsExactly(new TextContent("{\"id\":1,\"name\":\"Rex\"}"));
    assertThat(result.structuredContent()).isEqualTo(Map.of("id", 1, "name", "Rex"));
  }

  @Test
  void jsonArrayAndTextAreTextOnly() {
    CallToolResult array = OpenApiResultMapper.result(200, "application/json", bytes("[1,2]"));
    assertThat(array.content()).containsExactly(new TextContent("[1,2]"));
    assertThat(array.structuredContent()).isNull();
    CallToolResult text = OpenApiResultMapper.result(201, "text/plain", bytes("created"));
    assertThat(text.content()).containsExactly(new TextContent("created"));
    assertThat(text.isError()).isFalse();
  }

  @Test
  void errorStatusIsAToolErrorWithStatusAndBody() {
    CallToolResult result =
        OpenApiResultMapper.result(404, "application/json", bytes("{\"message\":\"no pet 9\"}"));
    assertThat(result.isError()).isTrue();
    assertThat(result.content())
        .containsExactly(new TextContent("HTTP 404: {\"message\":\"no pet 9\"}"));
    assertThat(result.structuredContent()).isNull();
    assertThat(OpenApiResultMapper.result(503, null, new byte[0]).content())
        .containsExactly(new TextContent("HTTP 503"));
  }

  @Test
  void emptyImageAndBinaryBodies() {
    assertThat(OpenApiResultMapper.result(204, null, new byte[0]).content())
        .containsExactly(new TextContent("HTTP 204 (no content)"));
    CallToolResult image = OpenApiResultMapper.result(200, "image/png", new byte[] {1, 2, 3});
    assertThat(image.content()).containsExactly(new ImageContent(null, "AQID", "image/png"));
    CallToolResult binary =
        OpenApiResultMapper.result(200, "application/octet-stream", new byte[] {1, 2, 3});
    assertThat(binary.content())
        .containsExactly(new TextContent("(3 bytes of application/octet-stream)"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
