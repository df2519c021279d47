package io.agw.gateway.llm.provider.anthropic;

import io.agw.gateway.exchange.TokenUsage;
import io.agw.gateway.llm.StreamErrorException;
import io.agw.gateway.llm.provider.StreamMapper;
import io.agw.gateway.llm.wire.anthropic.BlockDelta;
import io.agw.gateway.llm.wire.anthropic.ContentBlock;
import io.agw.gateway.llm.wire.anthropic.StreamEvent;
import io.agw.gateway.llm.wire.anthropic.Usage;
import io.agw.gateway.llm.wire.openai.ChatCompletionChunk;
import io.agw.gateway.llm.wire.openai.ToolCall;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * Translates an Anthropic Messages stream into OpenAI {@code chat.completion.chunk}s, one upstream
 * event at a time with no buffering.
 *
 * <p>Output: the first chunk that carries anything also carries {@code role: assistant}; text and
 * thinking deltas become {@code content} and {@code reasoning_content} deltas; a {@code tool_use}
 * block becomes a tool call fragment with its {@code id} and name, then argument fragments, all
 * with the call's position among the message's tool calls as {@code index}; {@code message_stop}
 * becomes one last chunk with {@code finish_reason} and the usage. The {@code data: [DONE]} marker
 * is framing, written by the caller after {@link #finish()}.
 *
 * <p>Lifecycle: one instance per response; call {@link #map} for each upstream event in order, then
 * {@link #finish()} once. Not thread-safe. {@link #usage()} may be read at any time.
 */
public final class AnthropicStreamMapper implements StreamMapper<StreamEvent, ChatCompletionChunk> {

  private final Clock clock;
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
  private final Map<Integer, Boolean> toolArgumentsSent = new HashMap<>();
  private String id;
  private String model;
  private long created;
  private Usage usage;
  private String stopReason;
  private boolean roleSent;
  private boolean started;
  private boolean finished;
  private boolean stopped;

  public AnthropicStreamMapper() {
    this(Clock.systemUTC());
  }

  public AnthropicStreamMapper(Clock clock) {
    this.clock = clock;
  }

  /**
   * The chunks to send for one upstream event (often none).
   *
   * @throws StreamErrorException when the event is an upstream {@code error}
   */
  @Override
  public List<ChatCompletionChunk> map(StreamEvent event) {
    if (event instanceof StreamEvent.MessageStart e) {
      started = true;
      created = clock.instant().getEpochSecond();
      if (e.message() != null) {
        id = e.message().id();
        model = e.message().model();
        usage = AnthropicUsageMapper.merge(usage, e.message().usage());
      }
      return List.of();
    } else if (event instanceof StreamEvent.ContentBlockStart e) {
      return blockStart(e.index(), e.contentBlock());
    } else if (event instanceof StreamEvent.ContentBlockDelta e) {
      return blockDelta(e.index(), e.delta());
    } else if (event instanceof StreamEvent.ContentBlockStop e) {
      return blockStop(e.index());
    } else if (event instanceof StreamEvent.MessageDelta e) {
      if (e.delta() != null && e.delta().stopReason() != null) {
        stopReason = e.delta().stopReason();
      }
      usage = AnthropicUsageMapper.merge(usage, e.usage());
      return List.of();
    } else if (event instanceof StreamEvent.MessageStop) {
      stopped = true;
      return finalChunk();
    } else if (event instanceof StreamEvent.Error e) {
      String type = e.error() == null ? "api_error" : e.error().type();
      throw new StreamErrorException(type, e.error() == null ? null : e.error().message());
    } else if (event instanceof StreamEvent.Ping || event instanceof StreamEvent.Unknown) {
      return List.of();
    }
    throw new IllegalStateException("unhandled stream event " + event);
  }

  /**
   * The chunks to send when the upstream stream ends: the final chunk if {@code message_stop} never
   * came (a truncated stream still tells the client why it ended and what it cost).
   */
  @Override
  public List<ChatCompletionChunk> finish() {
    return started ? finalChunk() : List.of();
  }

  /** Whether {@code message_stop} arrived. */
  @Override
  public boolean complete() {
    return stopped;
  }

  /** The usage seen so far; complete after {@code message_delta}. */
  @Override
  public TokenUsage usage() {
    return AnthropicUsageMapper.toTokenUsage(usage, model);
  }

  /** Maps a whole stream: {@link #map} per event, then {@link #finish()}. */
  public Flux<ChatCompletionChunk> map(Flux<StreamEvent> events) {
    return events
        .concatMapIterable(this::map)
        .concatWith(Flux.defer(() -> Flux.fromIterable(finish())));
  }

  private List<ChatCompletionChunk> blockStart(int index, ContentBlock block) {
    if (block instanceof ContentBlock.ToolUse t) {
      int toolIndex = toolIndexByBlock.size();
      toolIndexByBlock.put(index, toolIndex);
      toolArgumentsSent.put(index, false);
      ToolCall call =
          new ToolCall(
              toolIndex, t.id(), "function", new ToolCall.Function(t.name(), null, null), null);
      return chunk(delta(null, null, List.of(call)), null, null);
    } else if (block instanceof ContentBlock.Text t && t.text() != null && !t.text().isEmpty()) {
      return chunk(delta(t.text(), null, null), null, null);
    } else if (block instanceof ContentBlock.Thinking t
        && t.thinking() != null
        && !t.thinking().isEmpty()) {
      return chunk(delta(null, t.thinking(), null), null, null);
    }
    return List.of();
  }

  private List<ChatCompletionChunk> blockDelta(int index, BlockDelta delta) {
    if (delta instanceof BlockDelta.TextDelta d) {
      return chunk(delta(d.text(), null, null), null, null);
    } else if (delta instanceof BlockDelta.ThinkingDelta d) {
      return chunk(delta(null, d.thinking(), null), null, null);
    } else if (delta instanceof BlockDelta.InputJsonDelta d) {
      Integer toolIndex = toolIndexByBlock.get(index);
      if (toolIndex == null || d.partialJson() == null || d.partialJson().isEmpty()) {
        return List.of();
      }
      toolArgumentsSent.put(index, true);
      return chunk(delta(null, null, List.of(arguments(toolIndex, d.partialJson()))), null, null);
    } else if (delta instanceof BlockDelta.SignatureDelta || delta instanceof BlockDelta.Unknown) {
      // Chat completion chunks have no place for a thinking signature or citations.
      return List.of();
    }
    throw new IllegalStateException("unhandled block delta " + delta);
  }

  private List<ChatCompletionChunk> blockStop(int index) {
    Integer toolIndex = toolIndexByBlock.get(index);
    if (toolIndex != null && !toolArgumentsSent.get(index)) {
      // A call without parameters streams no JSON; clients expect arguments to parse.
      toolArgumentsSent.put(index, true);
      return chunk(delta(null, null, List.of(arguments(toolIndex, "{}"))), null, null);
    }
    return List.of();
  }

  private List<ChatCompletionChunk> finalChunk() {
    if (finished) {
      return List.of();
    }
    finished = true;
    String finishReason = AnthropicStopReason.toFinishReason(stopReason);
    return chunk(
        delta(null, null, null),
        finishReason == null ? "stop" : finishReason,
        AnthropicUsageMapper.toChatUsage(usage));
  }

  private static ToolCall arguments(int toolIndex, String json) {
    return new ToolCall(toolIndex, null, null, new ToolCall.Function(null, json, null), null);
  }

  private ChatCompletionChunk.Delta delta(String content, String reasoning, List<ToolCall> calls) {
    String role = roleSent ? null : "assistant";
    roleSent = true;
    return new ChatCompletionChunk.Delta(role, content, reasoning, calls, null, null);
  }

  private List<ChatCompletionChunk> chunk(
      ChatCompletionChunk.Delta delta,
      String finishReason,
      io.agw.gateway.llm.wire.openai.ChatUsage chatUsage) {
    ChatCompletionChunk.Choice choice =
        new ChatCompletionChunk.Choice(0, delta, finishReason, null);
    return List.of(
        new ChatCompletionChunk(
            id,
            ChatCompletionChunk.OBJECT,
            created,
            model,
            List.of(choice),
            chatUsage,
            usage == null ? null : usage.serviceTier(),
            null,
            null));
  }
}
