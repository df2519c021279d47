package io.agw.gateway.llm.provider.openai;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.MessagesResponse;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ContentPart;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an OpenAI chat completion into an Anthropic Messages response. Only the first choice
 * is kept (Messages has one). {@code reasoning_content} (with {@code reasoning_signature}) becomes
 * a leading thinking block; other engines' reasoning fields (such as OpenRouter's {@code
 * reasoning}) are not read. Tool call arguments that are not JSON (a call cut off by the token
 * limit) are kept as a string {@code input}.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenAiResponseMapper {

  /** Translates {@code response}. */
  public MessagesResponse toMessages(ChatCompletionResponse response) {
    ChatCompletionResponse.Choice choice =
        response.choices() == null || response.choices().isEmpty()
            ? null
            : response.choices().get(0);
    ChatMessage message = choice == null ? null : choice.message();
    return new MessagesResponse(
        response.id(),
        "message",
        "assistant",
        response.model(),
        message == null ? List.of() : content(message),
        OpenAiFinishReason.toStopReason(choice == null ? null : choice.finishReason()),
        null,
        OpenAiUsageMapper.toAnthropic(response.usage(), response.serviceTier()),
        null);
  }

  /** The usage of {@code response} for telemetry. */
  public TokenUsage usage(ChatCompletionResponse response) {
    return OpenAiUsageMapper.toTokenUsage(
        response.usage(), response.model(), response.serviceTier());
  }

  private static List<ContentBlock> content(ChatMessage message) {
    List<ContentBlock> out = new ArrayList<>();
    String thinking = message.reasoningContent();
    String signature = message.reasoningSignature();
    if ((thinking != null && !thinking.isEmpty()) || (signature != null && !signature.isEmpty())) {
      out.add(
          new ContentBlock.Thinking(
              thinking == null ? "" : thinking, signature == null ? "" : signature));
    }
    String text = text(message.content());
    if (text != null && !text.isEmpty()) {
      out.add(new ContentBlock.Text(text));
    }
    if (message.refusal() != null && !message.refusal().isEmpty()) {
      out.add(new ContentBlock.Text(message.refusal()));
    }
    if (message.toolCalls() != null) {
      for (ToolCall call : message.toolCalls()) {
        if (call.function() != null) {
          out.add(
              new ContentBlock.ToolUse(
                  call.id(),
                  call.function().name(),
                  ToolArguments.parse(call.function().arguments())));
        }
      }
    }
    return out;
  }

  private static String text(ChatContent content) {
    if (content instanceof ChatContent.Text t) {
      return t.text();
    }
    if (content instanceof ChatContent.Parts p) {
      StringBuilder out = new StringBuilder();
      for (ContentPart part : p.parts()) {
        if (part instanceof ContentPart.Text t && t.text() != null) {
          out.append(t.text());
        }
      }
      return out.toString();
    }
    return null;
  }
}
