package io.agw.gateway.llm.provider.gemini;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse.Candidate;
import io.agw.gateway.llm.wire.gemini.GenerateContentResponse.UsageMetadata;
import io.agw.gateway.llm.wire.gemini.Part;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Translates a Gemini {@code streamGenerateContent} stream (one {@link GenerateContentResponse} per
 * SSE event, each with only the new parts) into OpenAI chat completion chunks, one Gemini chunk at
 * a time with no buffering.
 *
 * <p>Output: per Gemini chunk, one chunk with the new text ({@code content}), thought text ({@code
 * reasoning_content}) and complete function calls (Gemini never splits a call; each gets the next
 * tool-call {@code index}); the first carries {@code role: assistant}. The chunk with Gemini's
 * {@code finishReason} (or a blocked prompt) adds a chunk with the OpenAI {@code finish_reason},
 * then a usage-only chunk (empty {@code choices}) with the last {@code usageMetadata} seen; Gemini
 * sends no other end marker, so {@link #complete()} tells the caller the stream is complete.
 *
 * <p>Lifecycle: one instance per response; call {@link #map} for each upstream chunk in order. Not
 * thread-safe. {@link #usage()} may be read at any time.
 */
public final class GeminiStreamMapper
    implements StreamMapper<GenerateContentResponse, ChatCompletionChunk> {

  private final String fallbackModel;
  private String id;
  private String model;
  private long created;
  private boolean started;
  private boolean finished;
  private int nextToolIndex;
  private UsageMetadata usage;

  /**
   * @param model the model sent upstream, used when Gemini does not name one
   */
  public GeminiStreamMapper(String model) {
    this.fallbackModel = model;
  }

  /** The chunks to send for one upstream chunk (possibly none). */
  @Override
  public List<ChatCompletionChunk> map(GenerateContentResponse response) {
    List<ChatCompletionChunk> out = new ArrayList<>();
    if (finished) {
      return out;
    }
    boolean first = !started;
    if (first) {
      started = true;
      id = response.responseId() != null ? response.responseId() : "chatcmpl-" + UUID.randomUUID();
      created = System.currentTimeMillis() / 1000;
    }
    if (response.modelVersion() != null) {
      model = response.modelVersion();
    }
    if (response.usageMetadata() != null) {
      usage = response.usageMetadata();
    }
    Candidate candidate =
        response.candidates() == null || response.candidates().isEmpty()
            ? null
            : response.candidates().get(0);
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    if (candidate != null && candidate.content() != null && candidate.content().parts() != null) {
      for (Part p : candidate.content().parts()) {
        if (p.functionCall() != null) {
          ToolCall call = GeminiResponseMapper.toolCall(p, nextToolIndex);
          calls.add(
              new ToolCall(nextToolIndex++, call.id(), call.type(), call.function(), call.extra()));
        } else if (p.text() != null && p.reasoning()) {
          reasoning.append(p.text());
        } else if (p.text() != null) {
          text.append(p.text());
        }
      }
    }
    if (first || !text.isEmpty() || !reasoning.isEmpty() || !calls.isEmpty()) {
      ChatCompletionChunk.Delta delta =
          new ChatCompletionChunk.Delta(
              first ? "assistant" : null,
              first || !text.isEmpty() ? text.toString() : null,
              reasoning.isEmpty() ? null : reasoning.toString(),
              calls.isEmpty() ? null : calls,
              null,
              null);
      out.add(chunk(List.of(new ChatCompletionChunk.Choice(0, delta, null, null)), null));
    }
    String reason = candidate != null ? candidate.finishReason() : null;
    if (reason == null && candidate == null && response.promptFeedback() != null) {
      reason = "SAFETY";
    }
    if (reason != null) {
      finished = true;
      ChatCompletionChunk.Delta empty =
          new ChatCompletionChunk.Delta(null, null, null, null, null, null);
      String finish = GeminiFinishReason.toOpenAi(reason, nextToolIndex > 0);
      out.add(chunk(List.of(new ChatCompletionChunk.Choice(0, empty, finish, null)), null));
      out.add(chunk(List.of(), GeminiUsageMapper.toOpenAi(usage)));
    }
    return out;
  }

  /** Whether the upstream finished the response (its last chunk has a finish reason). */
  @Override
  public boolean complete() {
    return finished;
  }

  /** The usage seen so far. */
  @Override
  public TokenUsage usage() {
    return GeminiUsageMapper.toTokenUsage(usage, model != null ? model : fallbackModel);
  }

  private ChatCompletionChunk chunk(
      List<ChatCompletionChunk.Choice> choices, io.agw.gateway.llm.wire.openai.ChatUsage usage) {
    return new ChatCompletionChunk(
        id,
        ChatCompletionChunk.OBJECT,
        created,
        model != null ? model : fallbackModel,
        choices,
        usage,
        null,
        null,
        null);
  }
}
