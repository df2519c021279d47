package io.agw.gateway.llm.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.llm.wire.WireJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PromptTextTest {

  private static String text(String json) {
    return PromptText.of((ObjectNode) WireJson.tree(json));
  }

  @Test
  void chatTextToolsAndArgumentsCountButMediaAndStructureDoNot() {
    String text =
        text(
            """
            {"model": "gpt-4o",
             "messages": [
               {"role": "system", "content": "Be brief."},
               {"role": "user", "content": [
                 {"type": "text", "text": "What is in this image?"},
                 {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo"}}]},
               {"role": "assistant", "tool_calls": [
                 {"id": "call_1", "type": "function",
                  "function": {"name": "lookup", "arguments": "{\\"q\\":\\"cats\\"}"}}]},
               {"role": "tool", "tool_call_id": "call_1", "content": "Cats are mammals."}],
             "tools": [{"type": "function", "function": {"name": "lookup",
               "description": "Looks things up", "parameters": {"type": "object"}}}]}
            """);

    assertThat(text)
        .contains("Be brief.", "What is in this image?", "{\"q\":\"cats\"}", "Cats are mammals.")
        .contains("Looks things up")
        .doesNotContain("iVBORw0KGgo", "call_1", "system", "assistant", "gpt-4o");
  }

  @Test
  void messagesSystemAndImageSource() {
    String text =
        text(
            """
            {"model": "claude", "system": "You are terse.",
             "messages": [{"role": "user", "content": [
               {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                            "data": "AAAABBBB"}},
               {"type": "text", "text": "Describe it."}]}]}
            """);

    assertThat(text)
        .contains("You are terse.", "Describe it.")
        .doesNotContain("AAAABBBB", "base64");
  }

  @Test
  void responsesInputAndInstructions() {
    assertThat(text("{\"model\":\"m\",\"instructions\":\"Answer in French.\",\"input\":\"Hello\"}"))
        .contains("Answer in French.", "Hello");
  }
}
