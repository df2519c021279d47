package io.agw.gateway.llm.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamMapperTest {

  private final OpenAiStreamMapper mapper = new OpenAiStreamMapper();

  private List<String> map(String choices, String usage) {
    String chunk =
        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt\",\"choices\":"
            + choices
            + (usage == null ? "" : ",\"usage\":" + usage)
            + "}";
    return mapper.map(WireJson.read(chunk, ChatCompletionChunk.class)).stream()
        .map(WireJson::write)
        .toList();
  }

  @Test
  void mapsChunkByChunk() {
    assertThat(map("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]", null))
        .containsExactly(
            "{\"message\":{\"id\":\"c1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"gpt\",\"content\":[],\"usage\":{\"input_tokens\":0,\"output_tokens\":0}},"
                + "\"type\":\"message_start\"}");
    assertThat(map("[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]", null))
        .containsExactly(
            "{\"index\":0,\"content_block\":{\"text\":\"\",\"type\":\"text\"},\"type\":\"content_block_start\"}",
            "{\"index\":0,\"delta\":{\"text\":\"Hi\",\"type\":\"text_delta\"},\"type\":\"content_block_delta\"}");
    assertThat(map("[{\"index\":0,\"delta\":{\"content\":\"!\"}}]", null))
        .containsExactly(
            "{\"index\":0,\"delta\":{\"text\":\"!\",\"type\":\"text_delta\"},\"type\":\"content_block_delta\"}");
    assertThat(
            map(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}]}}]",
                null))
        .containsExactly(
            "{\"index\":0,\"type\":\"content_block_stop\"}",
            "{\"index\":1,\"content_block\":{\"id\":\"call_1\",\"name\":\"f\",\"input\":{},"
                + "\"type\":\"tool_use\"},\"type\":\"content_block_start\"}",
            "{\"index\":1,\"delta\":{\"partial_json\":\"{\\\"a\\\"\",\"type\":\"input_json_delta\"},"
                + "\"type\":\"content_block_delta\"}");
    assertThat(map("[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]", null))
        .as("the stop waits for the usage chunk")
        .containsExactly("{\"index\":1,\"type\":\"content_block_stop\"}");
    assertThat(
            map(
                "[]",
                "{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":8},"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}"))
        .containsExactly(
            "{\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"input_tokens\":12,"
                + "\"output_tokens\":5,\"cache_read_input_tokens\":8},\"type\":\"message_delta\"}",
            "{\"type\":\"message_stop\"}");
    assertThat(mapper.finish()).isEmpty();
    assertThat(mapper.usage()).isEqualTo(new TokenUsage(20L, 5L, 25L, 8L, null, 2L, null, "gpt"));
  }

  @Test
  void finishEndsAStreamWithoutUsage() {
    map("[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]", null);
    map("[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]", null);
    List<StreamEvent> end = mapper.finish();
    assertThat(end).extracting(StreamEvent::type).containsExactly("message_delta", "message_stop");
    assertThat(((StreamEvent.MessageDelta) end.get(0)).delta().stopReason())
        .isEqualTo("max_tokens");
  }
}
