package io.agw.gateway.llm.provider.bedrock;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.bedrock.BedrockUsage;
import io.agw.gateway.llm.wire.bedrock.ConverseStreamEvent;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Translates a ConverseStream into OpenAI {@code chat.completion.chunk}s, one upstream event at a
 * time: {@code messageStart} becomes the role chunk, text and reasoning deltas become {@code
 * content} and {@code reasoning_content} (a reasoning signature {@code reasoning_signature}), a
 * tool-use block a tool call fragment with id and name followed by argument fragments, {@code
 * messageStop} the chunk with the {@code finish_reason}, and the final {@code metadata} a
 * usage-only chunk with empty {@code choices}. The caller decides whether the client gets that
 * usage chunk, and writes {@code [DONE]}.
 *
 * <p>Lifecycle: one instance per response; {@link #map} per event in order, then {@link #finish()}.
 * Not thread-safe.
 */
public final class BedrockChatStreamMapper
    implements StreamMapper<ConverseStreamEvent, ChatCompletionChunk> {

  private final String model;
  private final String id = "chatcmpl-" + UUID.randomUUID();
  private final long created;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private final Map<Integer, Boolean> argumentsSent = new HashMap<>();
  private BedrockUsage usage;
  private boolean finished;
  private boolean stopped;

  public BedrockChatStreamMapper(String model) {
    this(model, Clock.systemUTC());
  }

  public BedrockChatStreamMapper(String model, Clock clock) {
    this.model = model;
    this.created = clock.instant().getEpochSecond();
  }

  /**
   * The chunks to send for one upstream event.
   *
   * @throws StreamErrorException for an exception frame
   */
  @Override
  public List<ChatCompletionChunk> map(ConverseStreamEvent event) {
    if (event instanceof ConverseStreamEvent.MessageStart) {
      return chunk(new ChatCompletionChunk.Delta("assistant", null, null, null, null, null), null);
    } else if (event instanceof ConverseStreamEvent.ContentBlockStart e) {
      if (e.start() == null || e.start().toolUse() == null) {
        return List.of();
      }
      int toolIndex = toolIndexByBlock.size();
      toolIndexByBlock.put(e.contentBlockIndex(), toolIndex);
      argumentsSent.put(e.contentBlockIndex(), false);
      ToolCall call =
          new ToolCall(
              toolIndex,
              e.start().toolUse().toolUseId(),
              "function",
              new ToolCall.Function(e.start().toolUse().name(), null, null),
              null);
      return chunk(calls(call), null);
    } else if (event instanceof ConverseStreamEvent.ContentBlockDelta e) {
      return delta(e.contentBlockIndex(), e.delta());
    } else if (event instanceof ConverseStreamEvent.ContentBlockStop e) {
      Integer toolIndex = toolIndexByBlock.get(e.contentBlockIndex());
      if (toolIndex != null && !argumentsSent.get(e.contentBlockIndex())) {
        // A call without parameters streams no JSON; clients expect arguments that parse.
        argumentsSent.put(e.contentBlockIndex(), true);
        return chunk(calls(arguments(toolIndex, "{}")), null);
      }
      return List.of();
    } else if (event instanceof ConverseStreamEvent.MessageStop e) {
      stopped = true;
      finished = true;
      return chunk(
          new ChatCompletionChunk.Delta(null, null, null, null, null, null),
          BedrockStopReason.toOpenAi(e.stopReason() == null ? "end_turn" : e.stopReason()));
    } else if (event instanceof ConverseStreamEvent.Metadata e) {
      usage = e.usage();
      return List.of(
          new ChatCompletionChunk(
              id,
              ChatCompletionChunk.OBJECT,
              created,
              model,
              List.of(),
              BedrockUsageMapper.toChat(usage),
              null,
              null,
              null));
    } else if (event instanceof ConverseStreamEvent.Failure e) {
      throw new StreamErrorException(BedrockErrors.openAiTypeOfException(e.type()), e.message());
    }
    return List.of();
  }

  /** The chunks to send when the upstream ends: a finish chunk if none was sent. */
  @Override
  public List<ChatCompletionChunk> finish() {
    if (finished) {
      return List.of();
    }
    finished = true;
    return chunk(new ChatCompletionChunk.Delta(null, null, null, null, null, null), "stop");
  }

  /**
   * Whether Converse said the message is complete ({@code messageStop}; the metadata event after it
   * is optional).
   */
  @Override
  public boolean complete() {
    return stopped;
  }

  /** The usage seen so far. */
  @Override
  public TokenUsage usage() {
    return BedrockUsageMapper.toTokenUsage(usage, model);
  }

  private List<ChatCompletionChunk> delta(int index, ConverseStreamEvent.Delta delta) {
    if (delta == null) {
      return List.of();
    }
    if (delta.text() != null) {
      return chunk(new ChatCompletionChunk.Delta(null, delta.text(), null, null, null, null), null);
    }
    if (delta.reasoningContent() != null) {
      ConverseStreamEvent.ReasoningDelta r = delta.reasoningContent();
      Map<String, JsonNode> extra =
          r.signature() == null
              ? null
              : Map.of("reasoning_signature", StringNode.valueOf(r.signature()));
      if (r.text() == null && extra == null) {
        return List.of();
      }
      return chunk(new ChatCompletionChunk.Delta(null, null, r.text(), null, null, extra), null);
    }
    Integer toolIndex = toolIndexByBlock.get(index);
    if (delta.toolUse() != null && toolIndex != null) {
      String input = delta.toolUse().input();
      if (input == null || input.isEmpty()) {
        return List.of();
      }
      argumentsSent.put(index, true);
      return chunk(calls(arguments(toolIndex, input)), null);
    }
    return List.of();
  }

  private static ChatCompletionChunk.Delta calls(ToolCall call) {
    return new ChatCompletionChunk.Delta(null, null, null, List.of(call), null, null);
  }

  private static ToolCall arguments(int toolIndex, String json) {
    return new ToolCall(toolIndex, null, null, new ToolCall.Function(null, json, null), null);
  }

  private List<ChatCompletionChunk> chunk(ChatCompletionChunk.Delta delta, String finishReason) {
    return List.of(
        new ChatCompletionChunk(
            id,
            ChatCompletionChunk.OBJECT,
            created,
            model,
            List.of(new ChatCompletionChunk.Choice(0, delta, finishReason, null)),
            null,
            null,
            null,
            null));
  }
}
