package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.Dialect;
import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamTranslator;
import io.agw.gateway.llm.sse.SseEvent;
import io.agw.gateway.llm.sse.SseWriter;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import java.util.List;

/**
 * A Bedrock ConverseStream (binary event-stream frames) to an OpenAI chat completions client,
 * ending with {@code [DONE]}. The usage chunk is sent only when the client asked for it with {@code
 * stream_options.include_usage}; the gateway records the usage either way.
 */
public final class BedrockToChatStream extends StreamTranslator {

  private final BedrockChatStreamMapper mapper;
  private final boolean sendUsageChunk;

  public BedrockToChatStream(String model, boolean sendUsageChunk) {
    super(Dialect.OPENAI, new AwsEventStreamFraming());
    this.mapper = new BedrockChatStreamMapper(model);
    this.sendUsageChunk = sendUsageChunk;
  }

  @Override
  public TokenUsage usage() {
    return mapper.usage();
  }

  @Override
  protected void onEvent(SseEvent event, List<String> out) {
    ConverseStreamEvent parsed = BedrockStreamEvents.parse(event);
    write(mapper.map(parsed), out);
    if (parsed instanceof ConverseStreamEvent.MessageStop) {
      // The metadata event after messageStop is optional; the message is complete here.
      complete();
    }
  }

  @Override
  protected void finish(List<String> out) {
    write(mapper.finish(), out);
    out.add(SseWriter.write(SseEvent.done()));
  }

  private void write(List<ChatCompletionChunk> chunks, List<String> out) {
    for (ChatCompletionChunk chunk : chunks) {
      boolean usageOnly = chunk.choices() == null || chunk.choices().isEmpty();
      if (!usageOnly || sendUsageChunk) {
        out.add(SseWriter.write(SseEvent.data(WireJson.write(chunk))));
      }
    }
  }
}
