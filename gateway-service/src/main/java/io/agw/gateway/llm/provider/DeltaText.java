package io.agw.gateway.llm.provider;

import io.agw.gateway.llm.wire.anthropic.BlockDelta;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ResponsesStreamEvent;
import io.agw.gateway.llm.wire.openai.ToolCall;

/**
 * How many characters of generated text a client stream event carries: answer text, reasoning and
 * tool-call arguments, in each client API's events. The running output-token estimate of a stream
 * ({@link StreamTranslator#streamedOutputTokens()}) counts them. Stateless.
 */
public final class DeltaText {

  private DeltaText() {}

  /** An OpenAI chat chunk's content, reasoning, refusal and tool-argument fragments. */
  public static int of(ChatCompletionChunk chunk) {
    if (chunk.choices() == null) {
      return 0;
    }
    int chars = 0;
    for (ChatCompletionChunk.Choice choice : chunk.choices()) {
      ChatCompletionChunk.Delta delta = choice.delta();
      if (delta == null) {
        continue;
      }
      chars += length(delta.content()) + length(delta.reasoningContent());
      chars += length(delta.refusal());
      if (delta.toolCalls() != null) {
        for (ToolCall call : delta.toolCalls()) {
          chars += call.function() == null ? 0 : length(call.function().arguments());
        }
      }
    }
    return chars;
  }

  /** An Anthropic Messages event's text, thinking or tool-input fragment. */
  public static int of(StreamEvent event) {
    if (!(event instanceof StreamEvent.ContentBlockDelta block)) {
      return 0;
    }
    BlockDelta delta = block.delta();
    if (delta instanceof BlockDelta.TextDelta text) {
      return length(text.text());
    }
    if (delta instanceof BlockDelta.ThinkingDelta thinking) {
      return length(thinking.thinking());
    }
    if (delta instanceof BlockDelta.InputJsonDelta json) {
      return length(json.partialJson());
    }
    return 0;
  }

  /** An OpenAI Responses event's text, reasoning summary or function-argument fragment. */
  public static int of(ResponsesStreamEvent event) {
    if (event instanceof ResponsesStreamEvent.OutputTextDelta text) {
      return length(text.delta());
    }
    if (event instanceof ResponsesStreamEvent.SummaryTextDelta summary) {
      return length(summary.delta());
    }
    if (event instanceof ResponsesStreamEvent.ArgumentsDelta arguments) {
      return length(arguments.delta());
    }
    return 0;
  }

  private static int length(String text) {
    return text == null ? 0 : text.length();
  }
}
