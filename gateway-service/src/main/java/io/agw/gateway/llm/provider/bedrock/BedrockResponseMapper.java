package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.bedrock.BedrockContent;
import io.agw.gateway.llm.wire.bedrock.ConverseResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Translates a Converse response for Anthropic Messages and OpenAI chat completions clients.
 * Converse names no model and no id: the model is the one the gateway called, the id is made here.
 * Unsigned reasoning becomes a thinking block with an empty signature for Messages clients (it
 * cannot be replayed); for chat clients, reasoning text and signature become {@code
 * reasoning_content} and {@code reasoning_signature}.
 *
 * <p>Stateless and thread-safe; the clock only stamps {@code created}.
 */
public final class BedrockResponseMapper {

  private final Clock clock;

  public BedrockResponseMapper() {
    this(Clock.systemUTC());
  }

  public BedrockResponseMapper(Clock clock) {
    this.clock = clock;
  }

  /** The Messages form of {@code response}. */
  public MessagesResponse toMessages(ConverseResponse response, String model) {
    List<ContentBlock> content = new ArrayList<>();
    for (BedrockContent c : content(response)) {
      if (c.text() != null) {
        content.add(new ContentBlock.Text(c.text()));
      } else if (c.toolUse() != null) {
        content.add(
            new ContentBlock.ToolUse(
                c.toolUse().toolUseId(), c.toolUse().name(), c.toolUse().input()));
      } else if (c.reasoningContent() != null) {
        BedrockContent.ReasoningContent r = c.reasoningContent();
        if (r.reasoningText() != null) {
          String signature = r.reasoningText().signature();
          content.add(
              new ContentBlock.Thinking(
                  r.reasoningText().text(), signature == null ? "" : signature));
        } else if (r.redactedContent() != null) {
          content.add(new ContentBlock.RedactedThinking(r.redactedContent(), null));
        }
      }
    }
    return new MessagesResponse(
        "msg_" + UUID.randomUUID().toString().replace("-", ""),
        "message",
        "assistant",
        model,
        content,
        BedrockStopReason.toAnthropic(response.stopReason()),
        null,
        BedrockUsageMapper.toAnthropic(response.usage()),
        null);
  }

  /** The chat completion form of {@code response}. */
  public ChatCompletionResponse toChatCompletion(ConverseResponse response, String model) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    String signature = null;
    boolean hasText = false;
    boolean hasReasoning = false;
    List<ToolCall> calls = new ArrayList<>();
    for (BedrockContent c : content(response)) {
      if (c.text() != null) {
        text.append(c.text());
        hasText = true;
      } else if (c.toolUse() != null) {
        calls.add(
            ToolCall.function(
                c.toolUse().toolUseId(),
                c.toolUse().name(),
                ToolArguments.write(c.toolUse().input())));
      } else if (c.reasoningContent() != null && c.reasoningContent().reasoningText() != null) {
        reasoning.append(c.reasoningContent().reasoningText().text());
        hasReasoning = true;
        if (c.reasoningContent().reasoningText().signature() != null) {
          signature = c.reasoningContent().reasoningText().signature();
        }
      }
    }
    ChatMessage message =
        new ChatMessage(
            "assistant",
            hasText ? new ChatContent.Text(text.toString()) : null,
            null,
            calls.isEmpty() ? null : calls,
            null,
            hasReasoning ? reasoning.toString() : null,
            signature,
            null,
            null);
    return new ChatCompletionResponse(
        "chatcmpl-" + UUID.randomUUID(),
        "chat.completion",
        clock.instant().getEpochSecond(),
        model,
        List.of(
            new ChatCompletionResponse.Choice(
                0, message, BedrockStopReason.toOpenAi(response.stopReason()), null)),
        BedrockUsageMapper.toChat(response.usage()),
        null,
        null,
        null);
  }

  /** The usage of {@code response} for telemetry. */
  public TokenUsage usage(ConverseResponse response, String model) {
    return BedrockUsageMapper.toTokenUsage(response.usage(), model);
  }

  private static List<BedrockContent> content(ConverseResponse response) {
    if (response.output() == null
        || response.output().message() == null
        || response.output().message().content() == null) {
      return List.of();
    }
    return response.output().message().content();
  }
}
