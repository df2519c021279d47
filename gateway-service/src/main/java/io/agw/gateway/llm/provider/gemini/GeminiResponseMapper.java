package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.ToolArguments;
import io.agw.gateway.llm.wire.WireJson;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse.Candidate;
import io.agw.gateway.llm.wire.gemini.Part;
import io.agw.gateway.llm.wire.openai.ChatCompletionResponse;
import io.agw.gateway.llm.wire.openai.ChatContent;
import io.agw.gateway.llm.wire.openai.ChatMessage;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Translates a Gemini {@code generateContent} response into an OpenAI chat completion.
 *
 * <p>Conventions: each candidate is a choice; text parts join into {@code content}, thought parts
 * into {@code reasoning_content} (their signature into {@code reasoning_signature}); function calls
 * become tool calls whose id is Gemini's call id, or a generated one when Gemini gives none, and
 * whose thought signature is kept as {@code extra_content.google.thought_signature} so that a
 * client replaying the turn sends it back; a prompt blocked by Gemini ({@code
 * promptFeedback.blockReason}, no candidates) is one empty choice with {@code finish_reason} {@code
 * content_filter}; usage as in {@link GeminiUsageMapper}; the model is Gemini's {@code
 * modelVersion}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeminiResponseMapper {

  /**
   * Translates {@code response}.
   *
   * @param model the model sent upstream, used when Gemini does not name one
   */
  public ChatCompletionResponse toChatCompletion(GenerateContentResponse response, String model) {
    List<ChatCompletionResponse.Choice> choices = new ArrayList<>();
    List<Candidate> candidates = response.candidates() == null ? List.of() : response.candidates();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      choices.add(choice(c.index() == null ? i : c.index(), c));
    }
    if (choices.isEmpty()) {
      String reason = response.promptFeedback() != null ? "content_filter" : "stop";
      choices.add(
          new ChatCompletionResponse.Choice(
              0, ChatMessage.of("assistant", new ChatContent.Text("")), reason, null));
    }
    return new ChatCompletionResponse(
        response.responseId() != null ? response.responseId() : "chatcmpl-" + UUID.randomUUID(),
        "chat.completion",
        System.currentTimeMillis() / 1000,
        response.modelVersion() != null ? response.modelVersion() : model,
        choices,
        GeminiUsageMapper.toOpenAi(response.usageMetadata()),
        null,
        null,
        null);
  }

  /** The usage to record for {@code response}. */
  public TokenUsage usage(GenerateContentResponse response, String model) {
    return GeminiUsageMapper.toTokenUsage(
        response.usageMetadata(),
        response.modelVersion() != null ? response.modelVersion() : model);
  }

  private static ChatCompletionResponse.Choice choice(int index, Candidate candidate) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    String signature = null;
    boolean hasText = false;
    List<ToolCall> calls = new ArrayList<>();
    List<Part> parts =
        candidate.content() == null || candidate.content().parts() == null
            ? List.of()
            : candidate.content().parts();
    for (Part p : parts) {
      if (p.functionCall() != null) {
        calls.add(toolCall(p, calls.size()));
      } else if (p.text() != null && p.reasoning()) {
        reasoning.append(p.text());
        signature = p.thoughtSignature() != null ? p.thoughtSignature() : signature;
      } else if (p.text() != null) {
        text.append(p.text());
        hasText = true;
      }
    }
    ChatContent content = hasText || calls.isEmpty() ? new ChatContent.Text(text.toString()) : null;
    ChatMessage message =
        new ChatMessage(
            "assistant",
            content,
            null,
            calls.isEmpty() ? null : calls,
            null,
            reasoning.isEmpty() ? null : reasoning.toString(),
            signature,
            null,
            null);
    return new ChatCompletionResponse.Choice(
        index,
        message,
        GeminiFinishReason.toOpenAi(
            candidate.finishReason() == null ? "STOP" : candidate.finishReason(), !calls.isEmpty()),
        null);
  }

  /** A complete tool call for a {@code functionCall} part; {@code n} numbers calls without id. */
  static ToolCall toolCall(Part part, int n) {
    Part.FunctionCall call = part.functionCall();
    String id =
        call.id() != null ? call.id() : "call_" + UUID.randomUUID().toString().substring(0, 8) + n;
    ToolCall.Function function =
        new ToolCall.Function(call.name(), ToolArguments.write(call.args()), null);
    return new ToolCall(null, id, "function", function, signatureExtra(part));
  }

  static Map<String, tools.jackson.databind.JsonNode> signatureExtra(Part part) {
    if (part.thoughtSignature() == null) {
      return null;
    }
    var extra = WireJson.nodes().objectNode();
    extra.putObject("google").put("thought_signature", part.thoughtSignature());
    return Map.of("extra_content", extra);
  }
}
