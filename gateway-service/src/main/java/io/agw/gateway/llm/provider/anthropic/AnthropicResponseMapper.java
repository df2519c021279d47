package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an Anthropic Messages response into an OpenAI chat completion: text blocks become
 * {@code content}, thinking blocks {@code reasoning_content}, {@code tool_use} blocks {@code
 * tool_calls}; the stop reason maps to {@code finish_reason} ({@code end_turn} and {@code
 * stop_sequence} to {@code stop}, {@code max_tokens} to {@code length}, {@code tool_use} to {@code
 * tool_calls}). Redacted thinking has no OpenAI form and is dropped.
 *
 * <p>Stateless and thread-safe; the clock only stamps {@code created}.
 */
public final class AnthropicResponseMapper {

  private final Clock clock;

  public AnthropicResponseMapper() {
    this(Clock.systemUTC());
  }

  public AnthropicResponseMapper(Clock clock) {
    this.clock = clock;
  }

  /** Translates {@code response}. */
  public ChatCompletionResponse toChatCompletion(MessagesResponse response) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    boolean hasText = false;
    boolean hasReasoning = false;
    List<ToolCall> toolCalls = new ArrayList<>();
    for (ContentBlock block :
        response.content() == null ? List.<ContentBlock>of() : response.content()) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
        hasText = true;
      } else if (block instanceof ContentBlock.Thinking t) {
        reasoning.append(t.thinking());
        hasReasoning = true;
      } else if (block instanceof ContentBlock.ToolUse t) {
        toolCalls.add(ToolCall.function(t.id(), t.name(), ToolArguments.write(t.input())));
      }
      // Redacted thinking, server tool blocks and unknown blocks have no chat completion form.
    }
    ChatMessage message =
        new ChatMessage(
            "assistant",
            hasText ? new ChatContent.Text(text.toString()) : null,
            null,
            toolCalls.isEmpty() ? null : toolCalls,
            null,
            hasReasoning ? reasoning.toString() : null,
            null,
            null,
            null);
    ChatCompletionResponse.Choice choice =
        new ChatCompletionResponse.Choice(
            0, message, AnthropicStopReason.toFinishReason(response.stopReason()), null);
    return new ChatCompletionResponse(
        response.id(),
        "chat.completion",
        clock.instant().getEpochSecond(),
        response.model(),
        List.of(choice),
        AnthropicUsageMapper.toChatUsage(response.usage()),
        response.usage() == null ? null : response.usage().serviceTier(),
        null,
        null);
  }

  /** The usage of {@code response} for telemetry. */
  public TokenUsage usage(MessagesResponse response) {
    return AnthropicUsageMapper.toTokenUsage(response.usage(), response.model());
  }
}
